import type { ReviewSettings } from '../settings/types';
import { reviewAll, type ReviewOutcome } from './engine';
import { collectDataFacts, WEEK_SECONDS, type DataFacts } from './noise/estimate';
import type { RangeQuerier } from './noise/types';
import { summarize, summarySentence } from './summary';
import type { LoadProblem, ReviewRule } from './types';

export interface FullReview extends ReviewOutcome {
  problems: LoadProblem[];
  sentence: string;
  facts?: DataFacts;
}

/**
 * Reviews rules with an optional Prometheus behind them: the one entry point of the command line and the bench.
 * Without a querier only the static checks run.
 */
export async function reviewWithData(
  rules: ReviewRule[],
  problems: LoadProblem[],
  review: ReviewSettings,
  querier: RangeQuerier | undefined,
  nowMs: number
): Promise<FullReview> {
  const facts = querier
    ? await collectDataFacts(rules, () => querier, review, { end: Math.floor(nowMs / 1000), seconds: WEEK_SECONDS })
    : undefined;
  const outcome = reviewAll(rules, {
    review,
    now: nowMs,
    noise: facts?.noise,
    sms: facts?.sms,
    missingMetrics: facts?.missingMetrics,
  });
  const summary = summarize(outcome.reviews, outcome.general, outcome.silenced);
  const sentence = summarySentence(summary, review.smsBudgetPerHour, facts !== undefined);
  return { ...outcome, problems, sentence, facts };
}
