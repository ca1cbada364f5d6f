import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Profiler } from 'node:inspector';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mergeProcessCovs, type ProcessCov } from '@bcoe/v8-coverage';
import v8 from '@vitest/coverage-v8';
import type { CoverageProviderModule } from 'vitest/node';
import { CHILD_COVERAGE_DIR, ROOT } from './run-node.js';

/**
 * @vitest/coverage-v8, plus the child processes. Most of the bot's paths are
 * tested through the built entry points (the CLI, `npm start`, the bot with
 * its adapters) run as children, which the in-process V8 coverage never sees.
 * Under `--coverage` the children write raw V8 coverage (NODE_V8_COVERAGE, see
 * tests/global-setup.ts); here the scripts under dist/src/ are merged across
 * processes, mapped back to src/*.ts through tsc's source maps by the v8
 * provider's own converter, and merged into its report.
 *
 * `remapCoverage` is not public API: @vitest/coverage-v8 is pinned to vitest's
 * exact version in package.json, so a change there shows up here at once.
 */

const DIST_SRC = pathToFileURL(path.join(ROOT, 'dist/src/')).href;

/** The parts of istanbul's CoverageMap (what the v8 provider returns) used here. */
interface CoverageMap {
  merge(data: unknown): void;
  filter(keep: (file: string) => boolean): void;
  files(): string[];
  fileCoverageFor(file: string): { s: Record<string, number> };
}

/** What the v8 provider has beyond the CoverageProvider interface (remapCoverage is private there). */
interface V8Internals {
  createCoverageMap(): CoverageMap;
  remapCoverage(url: string, wrapperLength: number, result: { code: string; map: unknown }, functions: Profiler.FunctionCoverage[]): Promise<unknown>;
}

/** Every child's coverage of dist/src, summed per script. */
function childCoverage(): Profiler.ScriptCoverage[] {
  if (!existsSync(CHILD_COVERAGE_DIR)) return [];
  let merged: ProcessCov = { result: [] };
  for (const name of readdirSync(CHILD_COVERAGE_DIR).filter((n) => n.endsWith('.json'))) {
    const raw = JSON.parse(readFileSync(path.join(CHILD_COVERAGE_DIR, name), 'utf8')) as ProcessCov;
    merged = mergeProcessCovs([merged, { result: raw.result.filter((s) => s.url.startsWith(DIST_SRC)) }]);
  }
  return merged.result;
}

/** tsc's source map for a built file, with its sources made absolute (src/…/x.ts). */
function sourceMapOf(jsFile: string): unknown {
  const map = JSON.parse(readFileSync(`${jsFile}.map`, 'utf8')) as { sources: string[]; sourceRoot?: string };
  return { ...map, sourceRoot: '', sources: map.sources.map((s) => path.resolve(path.dirname(jsFile), map.sourceRoot ?? '', s)) };
}

const withChildren: CoverageProviderModule = {
  ...v8,
  async getProvider() {
    const provider = await v8.getProvider();
    const generate = provider.generateCoverage.bind(provider);
    provider.generateCoverage = async (context) => {
      const map = (await generate(context)) as CoverageMap;
      const v8Provider = provider as unknown as V8Internals;
      const children = v8Provider.createCoverageMap();
      for (const script of childCoverage()) {
        const jsFile = fileURLToPath(script.url);
        if (!existsSync(`${jsFile}.map`)) continue;
        const code = readFileSync(jsFile, 'utf8');
        // Node runs an ES module as written: no wrapper before the code.
        children.merge(await v8Provider.remapCoverage(script.url, 0, { code, map: sourceMapOf(jsFile) }, script.functions));
      }
      // A file only the children ran is in the tests' map as "all zero" (built from vite's transform,
      // whose statement locations differ from tsc's): drop that, or every statement counts twice.
      // Where both ran a file, the two are merged and a few statements may still be counted twice,
      // which can only lower the statement and branch figures (a line counts as run if any of its statements ran).
      const unrun = new Set(map.files().filter((f) => Object.values(map.fileCoverageFor(f).s).every((n) => n === 0)));
      const childFiles = new Set(children.files());
      map.filter((f) => !(unrun.has(f) && childFiles.has(f)));
      map.merge(children);
      // Only src/ counts (the same filter the v8 provider applies to the tests' own process).
      map.filter((file) => file.startsWith(path.join(ROOT, 'src') + path.sep));
      return map;
    };
    return provider;
  },
};

export default withChildren;
