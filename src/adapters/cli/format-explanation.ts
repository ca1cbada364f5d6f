import type { Reply } from '../../core/commands/command.js';

const num = (x: number) => x.toFixed(3);

/** `vmvc ask --explain`: one question walked through the engine, for a curator. */
export function formatExplanation(reply: Reply): string {
  const e = reply.outcome.explanation;
  if (!e) return 'Explanation: answered before the model was consulted (an entry id, a curated phrasing word for word, or empty input).';
  const features = (f: Record<string, number>) =>
    Object.entries(f)
      .filter(([name]) => name !== 'bias')
      .map(([name, v]) => `${name}=${v}`)
      .join(' ');
  const lines = [
    '── why ──',
    `reading:   ${JSON.stringify(e.reading.length > 200 ? `${e.reading.slice(0, 200)}…` : e.reading)} (best of ${e.readingsTried} reading${e.readingsTried === 1 ? '' : 's'})`,
    `scope:     p(a question the knowledge answers) = ${num(e.scope.probability)}`,
    `           ${features(e.scope.features)}`,
    ...(Object.keys(e.scope.words).length > 0 ? [`           learned words: ${Object.entries(e.scope.words).map(([w, v]) => `${w.replace('_', ' ')} ${v > 0 ? '+' : ''}${v}`).join(', ')}`] : []),
    'candidates (p = ranker probability that the entry answers it):',
    ...e.candidates.map((c, i) => `  ${i + 1}. ${c.id.padEnd(26)} p=${num(c.probability)}  ${features(c.features)}`),
    `answer:    p(the best candidate is a right answer) = ${num(e.answer.probability)}`,
    `           ${features(e.answer.features)}`,
    `decision:  ${e.decision}`,
  ];
  return lines.join('\n');
}
