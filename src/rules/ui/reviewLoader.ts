import type { AppSettings } from '../../settings/types';
import { reviewAll } from '../engine';
import type { ReviewCache } from '../reviewCache';
import { summarize, summarySentence } from '../summary';
import { loadRuleSources, queriersByDatasource, type SourceLoad } from '../grafanaSources';
import { collectDataFacts, WEEK_SECONDS, type DataFacts } from '../noise/estimate';
import type { Finding, ReviewRule, RuleReview } from '../types';
import type { ReviewDeps } from './deps';

export type NoiseState =
  { kind: 'pending' } | { kind: 'done'; facts: DataFacts } | { kind: 'none' } | { kind: 'error'; message: string };

/** What the page shows once the engine has run. */
export interface ReviewResult {
  reviews: RuleReview[];
  /** Findings about the rule set as a whole (e.g. no rule carries a review date), shown once above the rules. */
  general: Finding[];
  sentence: string;
}

/** Every rule source the org can read (Grafana-managed and each Prometheus-compatible data source). */
export function loadSources(deps: ReviewDeps): Promise<SourceLoad[]> {
  return loadRuleSources(deps.get, deps.datasources());
}

/** The 7-day noise, SMS budget and missing-metric facts; `none` when no data source evaluates these rules. */
export async function loadNoise(rules: ReviewRule[], deps: ReviewDeps, settings: AppSettings): Promise<NoiseState> {
  const querierFor = queriersByDatasource(deps.get, deps.datasources());
  if (!rules.some((r) => querierFor(r))) {
    return { kind: 'none' };
  }
  const win = { end: Math.floor(deps.now() / 1000), seconds: WEEK_SECONDS };
  try {
    return { kind: 'done', facts: await collectDataFacts(rules, querierFor, settings.review, win) };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Runs the engine over the loaded rules, with the noise facts when they are there. The static review runs again
 * when the noise facts arrive: the same loaded rules share one cache.
 */
export function runReview(loads: SourceLoad[], noise: NoiseState, settings: AppSettings, now: number, cache: ReviewCache): ReviewResult {
  const rules = loads.flatMap((l) => l.rules);
  const facts = noise.kind === 'done' ? noise.facts : undefined;
  const { reviews, general, silenced } = reviewAll(rules, {
    review: settings.review,
    now,
    noise: facts?.noise,
    sms: facts?.sms,
    missingMetrics: facts?.missingMetrics,
    cache,
  });
  const sentence = summarySentence(summarize(reviews, general, silenced), settings.review.smsBudgetPerHour, facts !== undefined);
  return { reviews, general, sentence };
}
