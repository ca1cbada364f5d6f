import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
