import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/create-core.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { renderText, wrapText } from '../../src/render/text.js';
import { ROOT } from '../helpers/run-node.js';

const core = createCore(loadKnowledge(path.join(ROOT, 'knowledge')), { random: () => 0 });

describe('renderText', () => {
  it('renders every card as plain text: no bold markers, title first, sources cited', () => {
    for (const entry of core.knowledge.faq) {
      const text = renderText(core.show(entry.id)?.card ?? core.respond('help', { platform: 'cli' }).card);
      expect(text.startsWith(entry.title)).toBe(true);
      expect(text).not.toMatch(/\*\*/);
      expect(text).toContain('Sources: ');
    }
  });

  it('wraps prose to the width with hanging indents and leaves code blocks alone', () => {
    const text = 'Intro line that is rather long and must be wrapped somewhere sensible please.\n• a bullet that is also long enough to need wrapping at this width\n```\nunwrapped code line that is longer than the width by design\n```';
    const out = wrapText(text, 30).split('\n');
    const inCode = out.indexOf('unwrapped code line that is longer than the width by design');
    expect(inCode).toBeGreaterThan(0);
    for (const [i, line] of out.entries()) if (i !== inCode) expect(line.length, line).toBeLessThanOrEqual(30);
    const bullet = out.findIndex((l) => l.startsWith('• a bullet'));
    expect(out[bullet + 1]?.startsWith('  ')).toBe(true);
  });

  it('numbers related entries when asked, for the console', () => {
    const text = renderText(core.respond('why-lighter', { platform: 'console' }).card, { numberRelated: true });
    expect(text).toMatch(/Related:\n {2}1\. .+ \([a-z0-9-]+\)\n {2}2\. /);
  });

  it('a comparison row wrapped at 80 columns keeps its VM/Container columns aligned', () => {
    const text = renderText(core.compare('security').card, { width: 80 });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(text).toMatch(/\n {2}Container: /);
  });
});
