// Log parsing as the loghub benchmark measures it: every message is mined in order with the product's settings,
// and each is assigned the template it ended up in after the final merge.
import { TemplateMiner, type MinerOptions } from './drain';
import { mergeTemplates, type Template } from './templates';

export interface Parsed {
  /** Per message, in input order: the id of its template. */
  assignments: number[];
  templates: Template[];
}

/** Mines `messages` (no clusters evicted: the benchmark needs every line's template) and assigns each. */
export function parseMessages(messages: readonly string[], opts: Pick<MinerOptions, 'similarity'>): Parsed {
  const miner = new TemplateMiner({ similarity: opts.similarity, maxClusters: Number.MAX_SAFE_INTEGER });
  const clusterIds = messages.map(
    (message, i) => miner.add({ time: i, host: '', unit: '', priority: null, message }).id
  );
  const { templates, templateOf } = mergeTemplates(miner.clustersLive());
  return { assignments: clusterIds.map((id) => templateOf.get(id) ?? id), templates };
}
