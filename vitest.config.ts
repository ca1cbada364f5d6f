import { defineConfig } from 'vitest/config';

/**
 * One place for how the tests run, whether through `npm test` or a bare
 * `npx vitest run`. The CLI, console and bot tests start the built bot as a
 * child process, so the global setup (tests/global-setup.ts) builds dist/ when
 * it is missing or older than the sources, and checks that no test leaves
 * folders behind in the temp dir.
 */
export default defineConfig({
  test: {
    // The child-process tests take a few seconds each and far longer on a loaded
    // machine (CI, or the whole suite in parallel); 30 s keeps them from failing
    // for load alone, while a hung test still fails well before anyone waits on it.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    globalSetup: ['tests/global-setup.ts'],
    coverage: {
      // @vitest/coverage-v8 for the tests' own process, wrapped so that the V8
      // coverage of the child processes (the built bot and CLI, via
      // NODE_V8_COVERAGE) is mapped back to src/ and counted in the same report.
      provider: 'custom',
      customProviderModule: './tests/helpers/coverage-with-children.ts',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'text', 'html', 'json-summary'],
      reportsDirectory: 'coverage',
      // A figure even when a test fails, so a red run still shows what it covered.
      reportOnFailure: true,
    },
  },
});
