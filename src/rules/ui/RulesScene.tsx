import React from 'react';
import {
  SceneObjectBase,
  SceneObjectUrlSyncConfig,
  type SceneComponentProps,
  type SceneObjectState,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import type { AppSettings } from '../../settings/types';
import type { ReviewFilters } from '../filters';
import type { SourceLoad } from '../grafanaSources';
import { ReviewCache } from '../reviewCache';
import type { Finding, RuleReview } from '../types';
import type { ReviewDeps } from './deps';
import { loadNoise, loadSources, runReview, type NoiseState } from './reviewLoader';
import { RulesView } from './RulesView';
import { DEFAULT_VIEW, fromUrl, RULES_URL_KEYS, toUrl, type RulesLayout, type RulesViewState } from './urlState';
import type { SortKey } from './view';

export interface RulesSceneState extends SceneObjectState, RulesViewState {
  settings: AppSettings;
  loading: boolean;
  loads: SourceLoad[];
  noise: NoiseState;
  reviews: RuleReview[];
  general: Finding[];
  sentence: string;
  /** Ids of the folder and group nodes the operator opened in the grouped layout. */
  expanded: string[];
}

/**
 * The alert-rule review page. Rules load when the page is shown; the 7-day noise facts follow and the engine runs
 * again with them. Filters, search, layout, sort and the open rule live in the URL.
 */
export class RulesScene extends SceneObjectBase<RulesSceneState> {
  static Component = RulesSceneRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: [...RULES_URL_KEYS] });
  // Answers of an older load (the page was left, or reloaded) are dropped when they arrive.
  private generation = 0;

  constructor(
    state: Pick<RulesSceneState, 'settings'> & Partial<RulesViewState>,
    private readonly deps: ReviewDeps
  ) {
    super({
      ...DEFAULT_VIEW,
      loading: true,
      loads: [],
      noise: { kind: 'pending' },
      reviews: [],
      general: [],
      sentence: '',
      expanded: [],
      ...state,
    });
    this.addActivationHandler(() => {
      if (this.state.loading) {
        void this.load();
      }
      return () => {
        this.generation++;
      };
    });
  }

  getUrlState(): SceneObjectUrlValues {
    return toUrl(this.state);
  }

  updateFromUrl(values: SceneObjectUrlValues) {
    const next = fromUrl(this.state, values);
    this.setState({
      filters: next.filters,
      search: next.search,
      layout: next.layout,
      sort: next.sort,
      desc: next.desc,
      selected: next.selected,
    });
  }

  /** Opening or closing a rule is a step in the browser history: Back closes the drawer. */
  shouldCreateHistoryStep(): boolean {
    const step = this.selectionChanged;
    this.selectionChanged = false;
    return step;
  }
  private selectionChanged = false;

  /** Loads every source, reviews at once, then again with the noise facts. */
  async load() {
    const gen = ++this.generation;
    const { settings } = this.state;
    this.setState({ loading: true, noise: { kind: 'pending' } });
    const loads = await loadSources(this.deps);
    if (gen !== this.generation) {
      return;
    }
    const noise: NoiseState = { kind: 'pending' };
    // One cache per load: the second review (with the noise facts) reuses the first one's parsed expressions.
    const cache = new ReviewCache();
    this.setState({ loading: false, loads, noise, ...runReview(loads, noise, settings, this.deps.now(), cache) });
    const done = await loadNoise(
      loads.flatMap((l) => l.rules),
      this.deps,
      settings
    );
    if (gen !== this.generation) {
      return;
    }
    this.setState({ noise: done, ...runReview(loads, done, settings, this.deps.now(), cache) });
  }

  setFilters(filters: ReviewFilters) {
    this.setState({ filters });
  }

  setSearch(search: string) {
    this.setState({ search });
  }

  setLayout(layout: RulesLayout) {
    this.setState({ layout });
  }

  setSort(sort: SortKey, desc: boolean) {
    this.setState({ sort, desc });
  }

  /** Opens the drawer of a rule (undefined closes it). */
  select(key: string | undefined) {
    this.selectionChanged = key !== this.state.selected;
    this.setState({ selected: key });
  }

  toggle(id: string) {
    const { expanded } = this.state;
    this.setState({ expanded: expanded.includes(id) ? expanded.filter((x) => x !== id) : [...expanded, id] });
  }

  /** Files downloads through the page's surroundings (a browser download in Grafana). */
  download(filename: string, content: string, mime: string) {
    this.deps.download(filename, content, mime);
  }

  now(): number {
    return this.deps.now();
  }
}

function RulesSceneRenderer({ model }: SceneComponentProps<RulesScene>) {
  const state = model.useState();
  return <RulesView state={state} model={model} />;
}
