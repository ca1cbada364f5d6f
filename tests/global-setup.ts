import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHILD_COVERAGE_DIR, ROOT } from './helpers/run-node.js';

/**
 * Runs once per `vitest run`, in the main process, before any worker starts
 * (workers inherit the environment set here).
 *
 * 1. dist/ is what the CLI, console and bot tests run: build it with the
 *    project's own `tsc -p tsconfig.json` unless it is newer than every source.
 *    `npm test` has just built it, so there this costs a directory walk.
 * 2. The tests get a temp folder of their own (TMPDIR, which os.tmpdir() and
 *    the children read). Whatever is still in it at the end was left by a test
 *    that does not clean up after itself: the run fails naming it, and the
 *    folder is removed either way, so nothing piles up in the real temp dir.
 * 3. Under `--coverage`, the children write V8 coverage for
 *    tests/helpers/coverage-with-children.ts to merge (cleanEnv passes it on).
 */

/** What `tsc -p tsconfig.json` compiles (its `include`), and what decides the output. */
const SOURCES = ['src', 'tests/bench', 'tests/eval'];
const CONFIGS = ['tsconfig.json', 'package-lock.json'];
const BUILT = path.join(ROOT, 'dist/src/main.js');

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCES) walk(path.join(ROOT, dir));
  for (const file of CONFIGS) newest = Math.max(newest, statSync(path.join(ROOT, file)).mtimeMs);
  return newest;
}

function buildDistIfStale(): void {
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestSource()) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`tsc -p tsconfig.json failed, so dist/ (which the CLI and bot tests run) is not up to date:\n${result.stdout}${result.stderr}`);
  }
}

/**
 * The PostgreSQL server the store contract and multi-copy tests use:
 * VMVC_TEST_DATABASE_URL when set (.ci/run starts one), else a throwaway one
 * started here when PostgreSQL is installed. Without either, those tests fail
 * with a line saying so (tests/fixtures/store/postgres.ts); they never skip.
 */
function startPostgresIfNeeded(): (() => void) | undefined {
  if ((process.env.VMVC_TEST_DATABASE_URL ?? '') !== '') return undefined;
  const dir = path.join(os.tmpdir(), `vmvc-test-postgres-${process.pid}`);
  const script = path.join(ROOT, 'scripts/test-postgres.sh');
  const started = spawnSync(script, ['start', dir], { encoding: 'utf8' });
  if (started.status !== 0) {
    spawnSync(script, ['stop', dir]);
    process.env.VMVC_TEST_POSTGRES_PROBLEM = `could not start a test PostgreSQL: ${started.stderr.trim() || `exit ${started.status}`}`;
    return undefined;
  }
  process.env.VMVC_TEST_DATABASE_URL = started.stdout.trim();
  return () => {
    spawnSync(script, ['stop', dir]);
    delete process.env.VMVC_TEST_DATABASE_URL;
  };
}

export default function setup(project: TestProject): () => void {
  buildDistIfStale();
  const stopPostgres = startPostgresIfNeeded();

  const outerTmp = process.env.TMPDIR;
  const runTemp = mkdtempSync(path.join(os.tmpdir(), 'vmvc-test-run-'));
  // Open to every user like /tmp itself: some tests run the bot as another user (uid 65534).
  chmodSync(runTemp, 0o1777);
  process.env.TMPDIR = runTemp;

  if (project.config.coverage.enabled) {
    rmSync(CHILD_COVERAGE_DIR, { recursive: true, force: true });
    mkdirSync(CHILD_COVERAGE_DIR, { recursive: true });
    chmodSync(CHILD_COVERAGE_DIR, 0o1777); // the bot run as another user writes its coverage here too
    process.env.VMVC_CHILD_COVERAGE = CHILD_COVERAGE_DIR;
  }

  return () => {
    stopPostgres?.();
    if (outerTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outerTmp;
    const leftovers = readdirSync(runTemp);
    rmSync(runTemp, { recursive: true, force: true });
    if (leftovers.length > 0) {
      // A throw here is only logged ("error during close") and the run still exits 0, so fail it explicitly.
      process.exitCode = 1;
      process.stderr.write(
        `\nFAIL temp-dir check: tests left ${leftovers.length} item(s) in the temp dir (removed now): ${leftovers.sort().join(', ')}\n` +
          'Remove what a test creates in its afterEach/afterAll (rmSync(dir, { recursive: true, force: true })).\n',
      );
    }
  };
}
