import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-node.js';

const home = mkdtempSync(path.join(os.tmpdir(), 'vmvc-cache-home-'));
const env = { XDG_CACHE_HOME: home };
const cacheDir = path.join(home, 'vmvc');

afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Rewrites the cached knowledge so that a served copy is recognisable. */
function tamper(): void {
  const file = readdirSync(cacheDir).find((f) => /^[0-9a-f]{40}\.json$/.test(f));
  if (file === undefined) throw new Error(`no cached knowledge in ${cacheDir}`);
  const full = path.join(cacheDir, file);
  const knowledge = JSON.parse(readFileSync(full, 'utf8')) as { faq: { id: string; title: string }[] };
  for (const e of knowledge.faq) if (e.id === 'hypervisor') e.title = 'TAMPERED TITLE';
  writeFileSync(full, JSON.stringify(knowledge));
}

describe('the validated-knowledge cache', () => {
  it("lives in the user's own cache folder (0700) and is what a cold ask reads", () => {
    expect(runCli(['ask', 'hypervisor'], { env }).status).toBe(0);
    expect((readdirSync(home, { withFileTypes: true }).find((d) => d.name === 'vmvc')?.isDirectory())).toBe(true);
    tamper();
    // Served from the cache, unvalidated: which is why nobody else may write there.
    expect(runCli(['ask', 'hypervisor'], { env }).stdout).toContain('TAMPERED TITLE');
  });

  it('keeps the newest few files of each kind: old versions and old knowledge do not pile up', () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'vmvc-cache-prune-'));
    try {
      const dir = path.join(own, 'vmvc');
      mkdirSync(dir, { mode: 0o700 });
      const hex = (i: number) => String(i).padStart(40, '0');
      const old = (name: string, daysAgo: number) => {
        writeFileSync(path.join(dir, name), '{}');
        const t = new Date(Date.now() - daysAgo * 86_400_000);
        utimesSync(path.join(dir, name), t, t);
      };
      for (let i = 1; i <= 6; i++) {
        old(`${hex(i)}.json`, i); // knowledge from earlier edits
        old(`index-${hex(i)}.json`, i); // indexes from earlier versions
      }
      old('index-x.json.123.tmp', 2); // a write that crashed
      old('notes.txt', 30); // not ours
      expect(runCli(['ask', 'hypervisor'], { env: { XDG_CACHE_HOME: own } }).status).toBe(0);
      const left = readdirSync(dir).sort();
      // The files this ask wrote, and the newest three of the earlier ones, of each kind.
      expect(left.filter((f) => /^[0-9a-f]{40}\.json$/.test(f))).toHaveLength(4);
      expect(left.filter((f) => /^index-[0-9a-f]{40}\.json$/.test(f))).toHaveLength(4);
      expect(left).toEqual(expect.arrayContaining([`${hex(1)}.json`, `${hex(3)}.json`, `index-${hex(1)}.json`, `index-${hex(3)}.json`, 'notes.txt']));
      expect(left).not.toContain(`${hex(4)}.json`);
      expect(left).not.toContain(`index-${hex(6)}.json`);
      expect(left).not.toContain('index-x.json.123.tmp');
      // And the next cold ask reads what this one saved.
      expect(runCli(['ask', 'hypervisor'], { env: { XDG_CACHE_HOME: own } }).stdout).toContain('What is a hypervisor?');
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('is ignored when others could write to the folder', () => {
    chmodSync(cacheDir, 0o777);
    try {
      const out = runCli(['ask', 'hypervisor'], { env }).stdout;
      expect(out).not.toContain('TAMPERED TITLE');
      expect(out).toContain('What is a hypervisor?');
    } finally {
      chmodSync(cacheDir, 0o700);
    }
  });
});
