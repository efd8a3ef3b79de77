// The operator-facing finding: request logging that writes customers' conversations to the journal breaks the
// privacy promise by itself, whatever triage then removes.
import type { Server } from './formats';
import type { ConversationCounts } from './index';

/** How each server's request logging is switched on, so the finding says what to turn off. */
const SWITCH: Record<Server, string> = {
  vllm: 'vLLM --enable-log-requests / --enable-log-outputs',
  sglang: 'SGLang --log-requests',
  litellm: 'LiteLLM --detailed_debug or LITELLM_LOG=DEBUG',
  ollama: 'Ollama OLLAMA_DEBUG',
  generic: 'request/response logging',
};

/** A unit is reported when at least this share of its lines carried conversation content … */
export const FINDING_SHARE = 0.1;
/** … or at least this many lines did. */
export const FINDING_LINES = 50;

// Units are labels from Loki or the journal: only a plain name goes into the sentence.
const safeName = (u: string) => u.replace(/[^\w.@:-]/g, '?').slice(0, 80) || '(none)';

/**
 * One sentence per unit whose request logging is a large share of its lines, e.g. "412 request log lines from
 * vllm.service (83% of its lines): request logging is on (vLLM --enable-log-requests / --enable-log-outputs);
 * it writes customers' conversations to the journal. Their content was removed before this analysis."
 */
export function conversationFindings(removed: ConversationCounts, unitTotals: Record<string, number>): string[] {
  return Object.entries(removed.byUnit)
    .filter(([unit, n]) => n >= FINDING_LINES || n / Math.max(1, unitTotals[unit] ?? n) >= FINDING_SHARE)
    .sort((a, b) => b[1] - a[1])
    .map(([unit, n]) => {
      const share = Math.round((100 * n) / Math.max(1, unitTotals[unit] ?? n));
      return `${n} request log line${n === 1 ? '' : 's'} from ${safeName(unit)} (${share}% of its lines): request logging is on (${SWITCH[removed.serverOf[unit] ?? 'generic']}); it writes customers' conversations to the journal. Their content was removed before this analysis.`;
    });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** One sentence for "What was sent" and the CLI: what was taken out before anything left the process. */
export function removalSummary(secrets: number, removed: ConversationCounts): string {
  if (secrets === 0 && removed.lines === 0) {
    return 'Removed before sending: nothing (no secrets, no conversation content found).';
  }
  const conv = removed.lines > 0 ? `conversation content from ${plural(removed.lines, 'line')} (${plural(removed.chars, 'char')})` : 'no conversation content';
  return `Removed before sending: ${plural(secrets, 'secret')} redacted; ${conv}.`;
}
