/**
 * A button value this bot wrote as a JSON object, read back; undefined for
 * anything else (Slack hands back whatever a client sends, so nothing is trusted).
 */
export function readButtonObject(value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  try {
    const raw: unknown = JSON.parse(value);
    return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
