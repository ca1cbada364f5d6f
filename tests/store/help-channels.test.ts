import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type SqliteStorage } from '../../src/store/open-store.js';

describe('store: help channels and auto-reply claims', () => {
  let dir: string;
  let store: SqliteStorage;
  const policy = { maxPerWindow: 2, windowSeconds: 600 };
  const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 9, minutes));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vmvc-help-store-'));
    store = openStore({ dataDir: dir });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the setting survives a restart, per platform and channel', () => {
    store.helpChannels.setHelpChannel('slack', 'C1', true, 'hash', at(0));
    store.close();
    store = openStore({ dataDir: dir });
    expect(store.helpChannels.isHelpChannel('slack', 'C1')).toBe(true);
    expect(store.helpChannels.isHelpChannel('discord', 'C1')).toBe(false);
    store.helpChannels.setHelpChannel('slack', 'C1', false, 'hash', at(1));
    expect(store.helpChannels.isHelpChannel('slack', 'C1')).toBe(false);
  });

  it('one auto-reply per thread, and at most maxPerWindow per channel within the window', () => {
    const h = store.helpChannels;
    expect(h.claimAutoReply('slack', 'C1', 't1', at(0), policy)).toEqual({ claimed: true });
    expect(h.claimAutoReply('slack', 'C1', 't1', at(1), policy)).toEqual({ claimed: false, reason: 'already-replied' });
    expect(h.claimAutoReply('slack', 'C1', 't2', at(1), policy)).toEqual({ claimed: true });
    expect(h.claimAutoReply('slack', 'C1', 't3', at(2), policy)).toEqual({ claimed: false, reason: 'rate-limited' });
    expect(h.claimAutoReply('slack', 'C2', 't3', at(2), policy)).toEqual({ claimed: true }); // another channel has its own rate
    expect(h.claimAutoReply('slack', 'C1', 't3', at(11), policy)).toEqual({ claimed: true }); // the first left the window
    h.releaseAutoReply('slack', 'C1', 't3');
    expect(h.claimAutoReply('slack', 'C1', 't3', at(12), policy)).toEqual({ claimed: true });
  });
});
