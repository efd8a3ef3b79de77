import type { AppSettings } from '../settings';
import { conversationFindings, stripConversations, type ConversationCounts } from './conversation';
import { computeFacts, type Analysis, type Facts, type FactsOptions } from './facts';
import {
  FACTS_BUDGET_TOKENS,
  buildPrompt,
  cacheSaltFor,
  promptBudget,
  type Prompt,
  type PromptOptions,
} from './prompt';
import type { RedactionCounts } from './redact';
import { PRIORITY_NAMES, type LogLine } from './types';
import type { NarrateResult, VllmClient } from './vllm';

/** Tokens reserved for the model's answer. */
export const COMPLETION_TOKENS = 512;

/** Facts options from the org's settings. */
export function factsOptions(settings: AppSettings, extra: Partial<FactsOptions> = {}): FactsOptions {
  return { similarity: settings.triage.similarity, maxClusters: settings.triage.maxClusters, ...extra };
}

/**
 * The facts block's budget: 2,000 tokens with the default prompt budget (3,000); an operator who raises the prompt
 * budget raises it too, keeping 1,000 for the instructions and the fence.
 */
export function factsBudget(maxPromptTokens: number): number {
  return Math.max(FACTS_BUDGET_TOKENS, maxPromptTokens - 1000);
}

/** The one tenant this call is for: the org's tenant in tenant mode, the operator otherwise. */
export function tenantOf(settings: AppSettings): string {
  return settings.mode === 'tenant' && settings.tenant.id ? settings.tenant.id : 'operator';
}

export interface PreparedTriage extends Analysis {
  prompt: Prompt;
  promptOptions: PromptOptions;
  /** Conversation content removed from the lines before anything else saw them (issue 17). */
  conversations: ConversationCounts;
}

/**
 * Lines → facts → redacted prompt; nothing leaves the process. `maxModelLen` narrows the budget when known.
 * Redaction happens per line inside computeFacts, before mining: no template, example, first error, unit or host
 * name can carry a secret.
 */
export function prepareTriage(
  lines: LogLine[],
  settings: AppSettings,
  opts: { facts?: Partial<FactsOptions>; context?: PromptOptions['context']; maxModelLen?: number } = {}
): PreparedTriage {
  // ---- conversation content out first: nothing below (redaction, mining, facts, prompt) ever sees it ----
  const stripped = stripConversations(lines);
  const analysis = computeFacts(stripped.lines, factsOptions(settings, opts.facts));
  analysis.facts.notes.push(...conversationFindings(stripped.removed, stripped.unitTotals));
  // ---------------------------------------------------------------------------------------------------------
  const promptOptions: PromptOptions = {
    tenant: tenantOf(settings),
    budgetTokens: promptBudget(settings.vllm.maxPromptTokens, opts.maxModelLen, COMPLETION_TOKENS),
    factsBudgetTokens: factsBudget(settings.vllm.maxPromptTokens),
    context: opts.context,
  };
  const prompt = buildPrompt(analysis.facts, promptOptions, analysis.redactions);
  return { ...analysis, prompt, promptOptions, conversations: stripped.removed };
}

/**
 * Why there is nothing to send, when the selected priority left no line: how many lines were read at which
 * priorities, and how to widen. Undefined when there are lines to narrate.
 */
export function nothingToNarrate(facts: Facts, maxPriority: number, widenHint: string): string | undefined {
  if (facts.lines > 0) {
    return undefined;
  }
  if (facts.read.lines === 0) {
    return 'No journal lines were read, so nothing was sent to the model.';
  }
  const seen = Object.entries(facts.read.byPriority)
    .sort((a, b) => priorityRank(a[0]) - priorityRank(b[0]))
    .map(([p, n]) => `${n} ${p}`)
    .join(', ');
  const least = Object.keys(facts.read.byPriority)
    .map(priorityRank)
    .filter((r) => r < PRIORITY_NAMES.length)
    .reduce((a, b) => Math.max(a, b), 0);
  const cap = PRIORITY_NAMES[maxPriority] ?? String(maxPriority);
  return `${facts.read.lines} lines were read (${seen}) but none at ${cap} priority or above, so nothing was sent to the model. To include them, ${widenHint.replace('{p}', String(Math.max(least, maxPriority + 1)))}.`;
}

const priorityRank = (name: string) => {
  const i = (PRIORITY_NAMES as readonly string[]).indexOf(name);
  return i < 0 ? PRIORITY_NAMES.length : i;
};

export interface NarrationOutcome {
  result: NarrateResult;
  /** The prompt actually sent last (after a shrink, the smaller one). */
  prompt: Prompt;
  model: string;
}

/**
 * Resolves the model (settings, else the first one vLLM serves), rebuilds the prompt within the model's
 * `max_model_len`, and asks for the narrative. Failures come back as results, never as exceptions.
 */
export async function narrateTriage(
  prepared: PreparedTriage,
  client: VllmClient,
  model: string | undefined,
  counts: RedactionCounts
): Promise<NarrationOutcome> {
  const listed = await client.listModels();
  let chosen = model ?? '';
  let maxModelLen: number | undefined;
  if (listed.ok) {
    const found = chosen ? listed.models.find((m) => m.id === chosen) : listed.models[0];
    chosen = chosen || found?.id || '';
    maxModelLen = found?.maxModelLen;
  } else if (listed.error.kind !== 'not-found' || !chosen) {
    // Without a model list we can only go on if a model is configured and the list endpoint merely is missing.
    return {
      result: { ok: false, error: listed.error, seconds: 0, sent: [], notes: [] },
      prompt: prepared.prompt,
      model: chosen,
    };
  }
  const budget = promptBudget(prepared.promptOptions.budgetTokens, maxModelLen, COMPLETION_TOKENS);
  let last = prepared.prompt;
  const build = (shrink: boolean) => {
    last = buildPrompt(prepared.facts, { ...prepared.promptOptions, budgetTokens: budget, shrink }, counts);
    return last.messages;
  };
  const result = await client.narrate(
    {
      model: chosen,
      messages: build,
      cacheSalt: cacheSaltFor(prepared.promptOptions.tenant),
      maxCompletionTokens: COMPLETION_TOKENS,
    },
    counts
  );
  return { result, prompt: last, model: chosen };
}
