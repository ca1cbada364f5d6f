import { createRequire } from 'node:module';
import type FuseType from 'fuse.js';
import type MiniSearchType from 'minisearch';

/**
 * Libraries the engine needs only now and then, loaded on first use. A cold
 * `vmvc ask` pays for every module it imports, and most questions need
 * neither: fuse.js only when a word is unknown (a typo to fix), MiniSearch
 * only when the retrieval table was not saved by an earlier start. The
 * engine's API is synchronous, so they come through `require` (both packages
 * ship a CommonJS build of the same code) rather than `import()`.
 */
const require = createRequire(import.meta.url);

let fuse: typeof FuseType | undefined;
let miniSearch: typeof MiniSearchType | undefined;

export function loadFuse(): typeof FuseType {
  fuse ??= require('fuse.js') as typeof FuseType;
  return fuse;
}

export function loadMiniSearch(): typeof MiniSearchType {
  miniSearch ??= require('minisearch') as typeof MiniSearchType;
  return miniSearch;
}
