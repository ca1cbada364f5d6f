import { describe, expect, it } from 'vitest';
import { parseSlashText, stripBotMention } from '../../../src/adapters/slack/parse-slack-text.js';
import { DeliveryFilter } from '../../../src/adapters/slack/delivery-filter.js';

describe('parseSlashText', () => {
  it('pulls the first escaped user reference out as the target', () => {
    expect(parseSlashText('why-lighter <@U0ALICE|alice>')).toEqual({ text: 'why-lighter', target: 'U0ALICE' });
    expect(parseSlashText('<@W0ENT> compare startup-time')).toEqual({ text: 'compare startup-time', target: 'W0ENT' });
    expect(parseSlashText('why-lighter <@U0A|a> <@U0B|b>')).toEqual({ text: 'why-lighter', target: 'U0A' });
  });

  it('plain "@alice", broadcasts and channel links are no target', () => {
    expect(parseSlashText('why-lighter @alice')).toEqual({ text: 'why-lighter @alice' });
    expect(parseSlashText('why-lighter <!channel> <#C123|general>')).toEqual({ text: 'why-lighter <!channel> <#C123|general>' });
    expect(parseSlashText('  ')).toEqual({ text: '' });
  });
});

describe('stripBotMention', () => {
  it('removes only the bot\'s own mention', () => {
    expect(stripBotMention('<@UBOT> why are containers lighter?', 'UBOT')).toBe('why are containers lighter?');
    expect(stripBotMention('hey <@UBOT|vmvc> ask <@U0ALICE> about VMs', 'UBOT')).toBe('hey ask <@U0ALICE> about VMs');
    expect(stripBotMention(' <@UBOT> ', undefined)).toBe('<@UBOT>');
  });
});

describe('DeliveryFilter', () => {
  it('answers first deliveries, drops any repeat of an event id', () => {
    const f = new DeliveryFilter();
    expect(f.accept({ eventId: 'E1' })).toBe(true);
    expect(f.accept({ eventId: 'E1', retryNum: 1, retryReason: 'http_timeout' })).toBe(false);
    expect(f.accept({ eventId: 'E1', retryNum: 2, retryReason: 'connection_failed' })).toBe(false);
  });

  it('answers an unseen retry only when Slack says the first attempt never reached a server', () => {
    const f = new DeliveryFilter();
    expect(f.accept({ eventId: 'E2', retryNum: 1, retryReason: 'http_timeout' })).toBe(false);
    expect(f.accept({ eventId: 'E3', retryNum: 1, retryReason: 'http_error' })).toBe(false);
    expect(f.accept({ eventId: 'E4', retryNum: 1, retryReason: 'connection_failed' })).toBe(true);
    expect(f.accept({ eventId: 'E5', retryNum: 0 })).toBe(true); // Socket Mode's first attempt is retry_attempt 0
    expect(f.accept({})).toBe(true); // commands and actions carry no event id and are never retried
  });

  it('forgets the oldest ids past its capacity', () => {
    const f = new DeliveryFilter(2);
    f.accept({ eventId: 'A' });
    f.accept({ eventId: 'B' });
    f.accept({ eventId: 'C' });
    expect(f.accept({ eventId: 'A' })).toBe(true);
    expect(f.accept({ eventId: 'C' })).toBe(false);
  });
});
