import { CHECK_IDS, isSeverity, type CheckId } from '../types';
import type { ReviewFilters } from '../filters';
import { isSortKey, type SortKey } from './view';

export type RulesLayout = 'grouped' | 'flat';

/** The part of the rules page a link carries: filters, search, layout, sort and the open rule. */
export interface RulesViewState {
  filters: ReviewFilters;
  search: string;
  layout: RulesLayout;
  sort: SortKey;
  desc: boolean;
  /** Key of the rule whose drawer is open. */
  selected?: string;
}

export const DEFAULT_VIEW: RulesViewState = { filters: {}, search: '', layout: 'grouped', sort: 'worst', desc: true };

/** URL keys of the rules page; `from`/`to` are not used here, so links from other pages keep theirs. */
export const RULES_URL_KEYS = ['check', 'severity', 'source', 'folder', 'q', 'layout', 'sort', 'order', 'rule'] as const;
type Key = (typeof RULES_URL_KEYS)[number];
export type RulesUrlValues = Partial<Record<Key, string | string[] | null | undefined>>;

const MAX_LEN = 300;

function one(v: string | string[] | null | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s !== '' ? s.slice(0, MAX_LEN) : undefined;
}

/** The URL values of a view state; defaults are left out so a plain page has a plain URL. */
export function toUrl(v: RulesViewState): Record<Key, string | undefined> {
  return {
    check: v.filters.check,
    severity: v.filters.severity,
    source: v.filters.source,
    folder: v.filters.folder,
    q: v.search || undefined,
    layout: v.layout === DEFAULT_VIEW.layout ? undefined : v.layout,
    sort: v.sort === DEFAULT_VIEW.sort ? undefined : v.sort,
    order: v.desc === DEFAULT_VIEW.desc ? undefined : v.desc ? 'desc' : 'asc',
    rule: v.selected,
  };
}

const isCheck = (s: string | undefined): s is CheckId => s !== undefined && (CHECK_IDS as readonly string[]).includes(s);

type Apply = (next: RulesViewState, v: string | undefined) => void;

/** How each URL key sets the view; a value it does not know sets the default. */
const APPLY: Record<Key, Apply> = {
  check: (n, v) => (n.filters.check = isCheck(v) ? v : undefined),
  severity: (n, v) => (n.filters.severity = isSeverity(v) ? v : undefined),
  source: (n, v) => (n.filters.source = v),
  folder: (n, v) => (n.filters.folder = v),
  q: (n, v) => (n.search = v ?? ''),
  layout: (n, v) => (n.layout = v === 'flat' ? 'flat' : 'grouped'),
  sort: (n, v) => (n.sort = isSortKey(v) ? v : DEFAULT_VIEW.sort),
  order: (n, v) => (n.desc = v !== 'asc'),
  rule: (n, v) => (n.selected = v),
};

/**
 * The view state after the URL changed `values` (scenes passes only the keys that changed, null for a removed
 * one). Unknown values fall back to the default: a hand-edited link never breaks the page.
 */
export function fromUrl(current: RulesViewState, values: RulesUrlValues): RulesViewState {
  const next: RulesViewState = { ...current, filters: { ...current.filters } };
  for (const key of RULES_URL_KEYS) {
    if (Object.prototype.hasOwnProperty.call(values, key)) {
      APPLY[key](next, one(values[key]));
    }
  }
  return next;
}
