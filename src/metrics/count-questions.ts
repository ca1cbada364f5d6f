import type { UsageRecorder } from '../core/usage.js';
import type { BotMetrics } from './bot-metrics.js';

/**
 * The core reports every decided question to its usage recorder; counting
 * there keeps the core free of metrics. The count comes first, so a question
 * whose store write fails is still counted (the answer was sent).
 */
export function countQuestions(recorder: UsageRecorder, metrics: BotMetrics): UsageRecorder {
  return {
    recordAsk(record) {
      metrics.question(record.platform, record.status);
      return recorder.recordAsk(record);
    },
    recordVote: (record) => recorder.recordVote(record),
  };
}
