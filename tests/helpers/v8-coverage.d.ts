/** The one function used from @bcoe/v8-coverage (it ships no types), as its README documents it. */
declare module '@bcoe/v8-coverage' {
  import type { Profiler } from 'node:inspector';
  export interface ProcessCov {
    result: Profiler.ScriptCoverage[];
  }
  /** Sums the counts of several processes' coverage, script by script (by url). */
  export function mergeProcessCovs(processCovs: readonly ProcessCov[]): ProcessCov;
}
