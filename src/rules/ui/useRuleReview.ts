import { useEffect, useMemo, useState } from 'react';
import type { AppSettings } from '../../settings/types';
import { reviewAll } from '../engine';
import { ReviewCache } from '../reviewCache';
import { summarize, summarySentence } from '../summary';
import { loadRuleSources, queriersByDatasource, type SourceLoad } from '../grafanaSources';
import { collectDataFacts, WEEK_SECONDS, type DataFacts } from '../noise/estimate';
import type { Finding, RuleReview } from '../types';
import type { ReviewDeps } from './deps';

export type NoiseState =
  { kind: 'pending' } | { kind: 'done'; facts: DataFacts } | { kind: 'none' } | { kind: 'error'; message: string };

export interface RuleReviewState {
  loading: boolean;
  loads: SourceLoad[];
  reviews: RuleReview[];
  /** Findings about the rule set as a whole (e.g. no rule carries a review date). */
  general: Finding[];
  sentence: string;
  noise: NoiseState;
}

/**
 * Loads every rule source, reviews the rules at once with the static checks, then adds the 7-day noise and
 * coverage facts when the data sources have answered (that part can take a while).
 */
export function useRuleReview(settings: AppSettings, deps: ReviewDeps): RuleReviewState {
  const [loads, setLoads] = useState<SourceLoad[] | undefined>();
  const [noise, setNoise] = useState<NoiseState>({ kind: 'pending' });
  useEffect(() => {
    let live = true;
    (async () => {
      const datasources = deps.datasources();
      const loaded = await loadRuleSources(deps.get, datasources);
      if (!live) {
        return;
      }
      setLoads(loaded);
      const rules = loaded.flatMap((l) => l.rules);
      const querierFor = queriersByDatasource(deps.get, datasources);
      if (!rules.some((r) => querierFor(r))) {
        setNoise({ kind: 'none' });
        return;
      }
      const win = { end: Math.floor(deps.now() / 1000), seconds: WEEK_SECONDS };
      try {
        const facts = await collectDataFacts(rules, querierFor, settings.review, win);
        if (live) {
          setNoise({ kind: 'done', facts });
        }
      } catch (e) {
        if (live) {
          setNoise({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [deps, settings.review]);

  // The static review runs again when the noise facts arrive: the same loaded rules share one cache.
  const cache = useMemo(() => new ReviewCache(), []);
  return useMemo(() => {
    const rules = (loads ?? []).flatMap((l) => l.rules);
    const facts = noise.kind === 'done' ? noise.facts : undefined;
    const { reviews, general } = reviewAll(rules, {
      review: settings.review,
      now: deps.now(),
      noise: facts?.noise,
      sms: facts?.sms,
      missingMetrics: facts?.missingMetrics,
      cache,
    });
    const summary = summarize(reviews, general);
    const sentence = summarySentence(summary, settings.review.smsBudgetPerHour, facts !== undefined);
    return { loading: loads === undefined, loads: loads ?? [], reviews, general, sentence, noise };
  }, [loads, noise, settings.review, deps, cache]);
}
