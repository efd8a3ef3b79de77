import { selector, type Matcher } from '../overview/promql';
import { TENANT_ID, type AppSettings } from '../settings';
import { RECORDED, RECORDED_TENANT_LABEL, recipeFor, type SeriesSource, type SliRecipe } from './recipes';
import { BURN_WINDOWS, type BurnWindow } from './slo';

/**
 * PromQL builders for the service-level page. Pure: every query is a plain string built from settings and a
 * resolved tenant, so the isolation property can be tested without Grafana.
 */

/** Where the numbers come from: the recording rules in `provisioning/prometheus/rules/sla-recording.yml`, or raw series. */
export type SlaSource = 'recorded' | 'raw';

/** The one tenant every query is scoped to. */
export interface TenantScope {
  label: string;
  id: string;
}

export { RECORDED, RECORDED_TENANT_LABEL } from './recipes';

/** Escapes a value for a double-quoted PromQL string literal. */
export function escapePromString(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** The tenant matcher, e.g. `tenant="acme"`. */
export function tenantMatcher(scope: TenantScope): string {
  return `${scope.label}="${escapePromString(scope.id)}"`;
}

/** What the page could be asked to show: a picker value (operator mode) or anything from the URL. */
export interface RequestedTenant {
  picked?: unknown;
}

export type TenantResolution = { ok: true; scope: TenantScope } | { ok: false; reason: string };

/**
 * The tenant the page shows. Tenant mode: always and only the org's configured tenant; nothing requested by the
 * viewer (URL, variables) is even read. Operator mode: the picked tenant, if it is a valid tenant id.
 */
export function resolveTenant(settings: AppSettings, requested: RequestedTenant = {}): TenantResolution {
  const label = settings.labels.tenant;
  if (settings.mode === 'tenant') {
    if (!TENANT_ID.test(settings.tenant.id)) {
      return { ok: false, reason: 'This organization has no tenant id configured; ask the operator to set it up.' };
    }
    return { ok: true, scope: { label, id: settings.tenant.id } };
  }
  const picked = requested.picked;
  if (typeof picked !== 'string' || picked === '') {
    return { ok: false, reason: 'Pick a tenant to see the service levels that customer sees.' };
  }
  if (!TENANT_ID.test(picked)) {
    return { ok: false, reason: `"${picked.slice(0, 40)}" is not a valid tenant id.` };
  }
  return { ok: true, scope: { label, id: picked } };
}

/** Recorded series are keyed by `tenant`: usable when the org's tenant label is that one (whatever the recipe). */
export function recordedRulesApply(settings: AppSettings): boolean {
  return settings.labels.tenant === RECORDED_TENANT_LABEL;
}

/**
 * Raw queries need the tenant label on the source series themselves (the `tenant-label` recipe): a gateway's
 * series name the customer in another label, which a tenant org's label-enforcing proxy cannot see through.
 */
export function rawQueriesApply(settings: AppSettings): boolean {
  const recipe = recipeFor(settings);
  return recipe.rawQueries && recipe.from.label === settings.labels.tenant;
}

/**
 * What the page says when a tenant has no recorded series and raw series cannot stand in. The customer learns that
 * there is no data; the operator learns which rules are missing.
 */
export function missingSeriesMessage(settings: AppSettings, scope: TenantScope): string {
  if (settings.mode === 'tenant') {
    return 'No service-level data has been recorded for this organization yet. If requests were sent, contact your provider.';
  }
  const recipe = recipeFor(settings);
  if (!recordedRulesApply(settings)) {
    return `The "${recipe.id}" SLI recipe needs its recording rules, whose series carry the label "${RECORDED_TENANT_LABEL}": set the tenant label to "${RECORDED_TENANT_LABEL}" in the app configuration.`;
  }
  return `No recorded SLI series for ${scope.id}. Load sla-recording.yml and the "${recipe.id}" recipe's rules (app configuration, Service levels) into Prometheus, and check that a ${recipe.from.label} matches ${recipe.from.pattern} for this customer.`;
}

/** Probe: does this tenant have recorded series? (count > 0 → use them). */
export function recordedProbeQuery(scope: TenantScope): string {
  return `count(${RECORDED.requestsRate5m}{${tenantMatcher(scope)}})`;
}

/** Query set for one page, bound to one tenant, one source and the settings' SLI recipe. */
export class SlaQueries {
  private readonly t: string;
  private readonly recipe: SliRecipe;
  private readonly p: number;
  private readonly objective: number;

  constructor(
    settings: AppSettings,
    readonly scope: TenantScope,
    readonly source: SlaSource
  ) {
    this.t = tenantMatcher(scope);
    this.recipe = recipeFor(settings);
    this.p = settings.sla.latencyPercentile;
    this.objective = settings.sla.availabilityObjective;
  }

  private sel(metric: string): string {
    return `${metric}{${this.t}}`;
  }

  /** A recipe source scoped to the tenant: the recipe's own matchers, the customer pattern replaced by the tenant. */
  private raw(src: SeriesSource): string {
    const matchers: Matcher[] = src.matchers.filter(([label]) => label !== this.recipe.from.label);
    return selector(src.metric, [[this.scope.label, '=', this.scope.id], ...matchers]);
  }

  /** `fn(errors[range])` summed over the recipe's failure counters; a counter without series counts 0. */
  private rawErrors(fn: 'increase' | 'rate', range: string): string {
    return this.recipe.errors.map((e) => `(sum(${fn}(${this.raw(e)}[${range}])) or vector(0))`).join(' + ');
  }

  /** Requests over the last `seconds` (`increase`, so counter resets are handled). */
  requests(seconds: number): string {
    return this.source === 'recorded'
      ? `sum(avg_over_time(${this.sel(RECORDED.requestsRate5m)}[${seconds}s])) * ${seconds}`
      : `sum(increase(${this.raw(this.recipe.requests)}[${seconds}s]))`;
  }

  /** Failed requests over the last `seconds`; 0 when the tenant never had an error series. */
  errors(seconds: number): string {
    if (this.source === 'raw') {
      return this.rawErrors('increase', `${seconds}s`);
    }
    return `(sum(avg_over_time(${this.sel(RECORDED.errorsRate5m)}[${seconds}s])) * ${seconds}) or vector(0)`;
  }

  private bucketRates(seconds: number): string {
    return this.source === 'recorded'
      ? `sum by (le) (avg_over_time(${this.sel(RECORDED.latencyBucketRate5m)}[${seconds}s]))`
      : `sum by (le) (rate(${this.raw(this.recipe.latency)}[${seconds}s]))`;
  }

  /** The configured latency percentile over the last `seconds`. */
  latencyQuantile(seconds: number): string {
    return `histogram_quantile(${this.p}, ${this.bucketRates(seconds)})`;
  }

  /** Cumulative bucket counts (one series per `le`) over the last `seconds`, for the share under target. */
  latencyBuckets(seconds: number): string {
    return `${this.bucketRates(seconds)} * ${seconds}`;
  }

  /** Error ratio over a window from raw counters or recorded rates; absent without traffic (never NaN). */
  private ratio(range: string, fn: 'rate' | 'increase' = 'rate'): string {
    if (this.source === 'recorded') {
      const sum = (m: string) => `sum(sum_over_time(${this.sel(m)}[${range}]))`;
      return `(${sum(RECORDED.errorsRate5m)} / (${sum(RECORDED.requestsRate5m)} > 0))`;
    }
    return `((${this.rawErrors(fn, range)}) / (sum(${fn}(${this.raw(this.recipe.requests)}[${range}])) > 0))`;
  }

  /** Error ratio over a burn window; absent without traffic. */
  errorRatio(w: BurnWindow): string {
    return this.source === 'recorded' ? this.sel(RECORDED.errorRatio(w)) : this.ratio(w);
  }

  /** Every burn window's error ratio. */
  errorRatios(): Record<BurnWindow, string> {
    return Object.fromEntries(BURN_WINDOWS.map((w) => [w, this.errorRatio(w)])) as Record<BurnWindow, string>;
  }

  /**
   * Error budget remaining of the rolling window as a time series (the burn-down). The recorded 30-day ratio serves a
   * 30-day window; other windows sum the recorded rates (or raw counters) over the window.
   */
  budgetRemaining(windowDays: number): string {
    const budget = 1 - this.objective;
    const ratio =
      this.source === 'recorded' && windowDays === 30
        ? this.sel(RECORDED.errorRatio('30d'))
        : this.ratio(`${windowDays}d`);
    return `1 - ${ratio} / ${round(budget)}`;
  }

  /** Availability per day (run as a range query with a 1-day step); days without traffic have no value. */
  dailyAvailability(): string {
    return this.source === 'recorded'
      ? `1 - ${this.sel(RECORDED.errorRatio('1d'))}`
      : `1 - ${this.ratio('1d', 'increase')}`;
  }

  /** The configured latency percentile over time (1-hour windows), to draw against the target. */
  latencyOverTime(): string {
    return this.latencyQuantile(3600);
  }
}

function round(x: number): string {
  return String(Math.round(x * 1e12) / 1e12);
}

/** The operator's tenant picker: tenants of the recorded series, or of the request counter when raw queries work. */
export function tenantPickerQuery(settings: AppSettings): string {
  const metric = rawQueriesApply(settings) ? recipeFor(settings).requests.metric : RECORDED.requestsRate5m;
  return `label_values(${metric}, ${settings.labels.tenant})`;
}
