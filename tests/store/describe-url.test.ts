import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../src/log.js';
import { describePgUrl } from '../../src/store/postgres/describe-url.js';

describe('a DATABASE_URL as logs and messages show it', () => {
  it('keeps user, host, port and database; never a password, in the userinfo or the query string', () => {
    expect(describePgUrl('postgres://vmvc:pw@db.internal:5432/vmvc')).toBe('postgres://vmvc@db.internal:5432/vmvc');
    expect(describePgUrl('postgres://vmvc@db/vmvc?password=s3cret')).toBe('postgres://vmvc@db/vmvc');
    expect(describePgUrl('postgresql://u:p@h/db?sslmode=require&sslpassword=zz')).toBe('postgresql://u@h/db');
    // An unencoded '/' in the password would be read as the path: nothing after the scheme is shown.
    expect(describePgUrl('postgres://vmvc:12345/x@host/db')).not.toContain('12345');
    expect(describePgUrl('not a url')).toBe('the DATABASE_URL');
  });

  it('the log scrubber removes the password from a URL inside any message', () => {
    const line = scrubSecrets('connect postgres://u:hunter2@h/db?password=abc&sslpassword=def failed');
    expect(line).not.toMatch(/hunter2|=abc|=def/);
    expect(line).toContain('postgres://u:[Redacted]@h/db');
  });
});
