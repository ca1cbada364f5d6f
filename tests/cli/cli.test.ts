import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, ROOT, runCli } from '../helpers/run-node.js';

interface AskJson {
  status: string;
  id: string | null;
  title: string | null;
  text: string;
  score: number;
  suggestions: { id: string; title: string }[];
}

describe('vmvc CLI (child process)', () => {
  it('ask prints the card as text', () => {
    const r = runCli(['ask', 'why r containers so light']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Why are containers lighter than VMs\?\n=+\n/);
    expect(r.stdout).toContain('Sources:');
    expect(r.stdout).toContain('Topic id: why-lighter');
  });

  it('ask --json prints one object with the documented fields', () => {
    const r = runCli(['ask', '--json', 'hypervisr??']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as AskJson;
    expect(Object.keys(out).sort()).toEqual(['id', 'score', 'status', 'suggestions', 'text', 'title']);
    expect(out).toMatchObject({ status: 'answered', id: 'hypervisor' });
    expect(out.score).toBeGreaterThan(0.5);
    expect(out.score).toBeLessThanOrEqual(1);
    expect(out.text).toContain('hypervisor');
  });

  it('ask --explain walks the question through the engine, in text and in --json', () => {
    const text = runCli(['ask', '--explain', 'for the interview tomorrow, what is a hypervisor in simple words?']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Topic id: hypervisor');
    expect(text.stdout).toContain('reading:   "what is a hypervisor in simple words?" (best of 2 readings)');
    expect(text.stdout).toMatch(/candidates .*\n {2}1\. hypervisor +p=0\.\d{3}/);
    expect(text.stdout).toMatch(/decision: {2}answer hypervisor: p 0\.\d+ ≥ 0\.5/);
    const json = JSON.parse(runCli(['ask', '--json', '--explain', 'how do I delete docker images']).stdout) as AskJson & { explanation: { decision: string; scope: { probability: number } } };
    expect(json).toMatchObject({ status: 'declined', id: null });
    expect(json.text).toContain('Outside what I cover');
    expect(json.explanation.decision).toMatch(/^declined: about operating/);
    expect(json.explanation.scope.probability).toBeLessThan(0.5);
  });

  it('declines an off-topic question and suggests when unsure', () => {
    const declined = JSON.parse(runCli(['ask', '--json', "what's for lunch today?"]).stdout) as AskJson;
    expect(declined).toMatchObject({ status: 'declined', id: null, suggestions: [] });
    expect(declined.text).toContain('/vmvc topics');
    const unsure = JSON.parse(runCli(['ask', '--json', 'is a container literally just a process?']).stdout) as AskJson;
    expect(['suggest', 'answered']).toContain(unsure.status);
    if (unsure.status === 'suggest') expect(unsure.suggestions.length).toBeGreaterThan(0);
  });

  it('batch mode answers every stdin line in order, empty lines included', () => {
    const input = ['why-lighter', '', '<!channel> @everyone', 'vm vs docker boot time', 'how do I tune the JVM GC'].join('\n');
    const r = runCli(['ask', '--json'], { input: `${input}\n` });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as AskJson);
    expect(lines.map((l) => l.status)).toEqual(['answered', 'declined', 'declined', 'answered', 'declined']);
    expect(lines[0]?.id).toBe('why-lighter');
    expect(lines[3]?.id).toMatch(/startup-time/);
    expect(r.stdout).not.toMatch(/<!channel>|@everyone/);
  });

  it('batch mode streams: an answer arrives before stdin closes', async () => {
    const child = spawn(process.execPath, [BIN, 'ask', '--json'], { cwd: ROOT, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const first = new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      child.once('exit', () => reject(new Error('exited before answering')));
    });
    child.stdin.write('what is a hypervisor\n');
    const line = await first; // stdin is still open here
    expect((JSON.parse(line.split('\n')[0] as string) as AskJson).id).toBe('hypervisor');
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });

  it('topics, show, compare and tip', () => {
    const topics = runCli(['topics']);
    expect(topics.status).toBe(0);
    expect(topics.stdout).toMatch(/\[basics\]/);
    expect(topics.stdout).toContain('why-lighter');
    const show = runCli(['show', 'kernel-sharing']);
    expect(show.status).toBe(0);
    expect(show.stdout).toMatch(/kernel/i);
    const whole = runCli(['compare']);
    expect(whole.stdout).toContain('Virtual machines vs containers');
    expect(whole.stdout.match(/  VM: /g)?.length).toBeGreaterThanOrEqual(10);
    const row = runCli(['compare', 'boot']);
    expect(row.stdout).toMatch(/Startup/i);
    expect(row.stdout.match(/  VM: /g)).toHaveLength(1);
    const tip = runCli(['tip', '--id', '3']);
    expect(tip.status).toBe(0);
    expect(tip.stdout).toContain('Tip #3');
    expect(runCli(['tip']).stdout).toMatch(/Tip #\d+/);
  });

  it('unknown commands and bad arguments: one-line error, usage, exit 2', () => {
    const unknown = runCli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe("vmvc: unknown command 'frobnicate'");
    expect(unknown.stderr).toContain('Usage: vmvc <command>');
    const badFlag = runCli(['ask', '--bogus', 'x']);
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toMatch(/^vmvc ask: Unknown option '--bogus'/);
    expect(badFlag.stderr).toContain('Usage: vmvc ask');
    const badTip = runCli(['tip', '--id', 'nine']);
    expect(badTip.status).toBe(2);
    expect(badTip.stderr).toMatch(/--id must be a tip number/);
    expect(runCli(['show']).status).toBe(2);
    expect(runCli([]).status).toBe(2);
  });

  it('show with an unknown id exits 1 and offers close ids', () => {
    const r = runCli(['show', 'why-lightr']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no topic 'why-lightr'; did you mean why-lighter/);
  });

  it('--help works for the CLI and for each command', () => {
    expect(runCli(['--help']).stdout).toContain('Commands:');
    for (const command of ['ask', 'topics', 'show', 'compare', 'tip', 'check']) {
      const r = runCli([command, '--help']);
      expect(r.status, command).toBe(0);
      expect(r.stdout, command).toMatch(new RegExp(`^Usage: vmvc ${command}`));
    }
  });

  it('reports a missing knowledge folder in one line naming it, instead of crashing', () => {
    const r = runCli(['ask', 'why lighter'], { env: { KNOWLEDGE_DIR: '/nonexistent/knowledge' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Knowledge base has 1 problem:\n  - knowledge folder /nonexistent/knowledge does not exist\n');
    expect(r.stderr).not.toContain('cannot read');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
