import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../../src/metrics/prometheus.js';
import { ROOT } from '../helpers/run-node.js';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Setup claims a newcomer acts on; the behaviour behind them is tested in tests/cli. */
describe('README setup claims', () => {
  it('does not say Node is all you need, and names the toolchain a source build of the SQLite driver needs', () => {
    expect(README).not.toMatch(/is all you need/);
    expect(README).toMatch(/python3, make and a C\+\+ compiler/);
  });

  it('says .env and DATA_DIR are read from the working directory (tests/cli/data-folder.test.ts checks the behaviour)', () => {
    expect(README).not.toMatch(/\.env` file next to `package\.json`/);
    expect(README).toMatch(/`\.env` file in the \*\*working directory\*\*/);
    expect(README).toMatch(/`DATA_DIR` \(default `\.\/data`, relative to the working directory/);
  });
});

describe('README operating claims', () => {
  it('names every vmvc_ metric the bot exports, and every endpoint', async () => {
    const names = (await createPrometheusMetrics().registry.getMetricsAsJSON()).map((m) => m.name).filter((n) => n.startsWith('vmvc_'));
    expect(names.length).toBe(5);
    for (const name of names) expect(README).toContain(`\`${name}\``);
    for (const path of ['/healthz', '/readyz', '/metrics', '/discord/interactions']) expect(README).toContain(path);
  });

  it('walks through the Interactions Endpoint URL set-up with DISCORD_PUBLIC_KEY, HOST and HEALTH_PORT', () => {
    expect(README).toMatch(/\*\*General Information\*\*.*\*\*Public Key\*\*.*`DISCORD_PUBLIC_KEY`/);
    expect(README).toMatch(/\*\*Interactions Endpoint URL\*\*.*PING/);
    expect(README).toContain('`HOST`');
    expect(README).toContain('`HEALTH_PORT`');
  });
});
