import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-node.js';

describe('a negative number is out of range, not an ambiguous argument (CLI child process)', () => {
  it.each([
    [['tip', '--id', '-1'], /^vmvc tip: --id -1 is out of range: tips are numbered 1 to \d+\n/],
    [['report', '--days', '-5'], /^vmvc report: --days -5 is out of range: give a whole number from 1 to 3650\n/],
    [['report', '--limit', '-3'], /^vmvc report: --limit -3 is out of range: give a whole number from 1 to 1000\n/],
    [['tip', '--id', '9999'], /^vmvc tip: --id 9999 is out of range: tips are numbered 1 to \d+\n/],
  ])('vmvc %j', (args, expected) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).not.toContain('ambiguous');
  });
});
