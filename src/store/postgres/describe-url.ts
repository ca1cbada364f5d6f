/**
 * The URL as an operator may see it in logs and messages: scheme, user, host,
 * port and database only. The password goes, and so does the query string,
 * which may carry `password=` or `sslpassword=` (pg reads both). Kept apart
 * from pg so the CLI need not load it.
 */
export function describePgUrl(url: string): string {
  try {
    const u = new URL(url);
    // An unencoded '/' in the password makes the parser read part of it as the path: show nothing after the host then.
    if (url.slice(url.indexOf('//') + 2).split('/')[0]?.includes('@') !== true && url.includes('@')) return `${u.protocol}//(DATABASE_URL: not shown)`;
    const user = u.username === '' ? '' : `${u.username}@`;
    return `${u.protocol}//${user}${u.host}${u.pathname}`;
  } catch {
    return 'the DATABASE_URL';
  }
}
