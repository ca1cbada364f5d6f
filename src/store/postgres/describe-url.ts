/** The URL without its password, for log lines and error messages (kept apart from pg so the CLI need not load it). */
export function describePgUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'the DATABASE_URL';
  }
}
