import React from 'react';
import {
  sceneGraph,
  SceneObjectBase,
  SceneQueryRunner,
  type SceneComponentProps,
  type SceneObject,
  type SceneObjectState,
} from '@grafana/scenes';
import { LoadingState } from '@grafana/data';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import { prometheusRef } from '../grafana/datasources';
import type { StorePlan } from '../history/routing';
import type { AppSettings } from '../settings';
import { testIds } from '../testIds';
import { grafanaStorePlan } from './storePlan';
import { samplesByRefId } from './frames';
import { buildSlaLayout } from './panels';
import { TENANT_VARIABLE, tenantDependency } from './tenantPicker';
import {
  missingSeriesMessage,
  rawQueriesApply,
  recordedProbeQuery,
  recordedRulesApply,
  resolveTenant,
  type SlaSource,
  type TenantScope,
} from './queries';

export { TENANT_VARIABLE };

export interface SlaBodyState extends SceneObjectState {
  settings: AppSettings;
  /** Prometheus' retention and whether a history is configured (default: read through Grafana once per page). */
  readPlan?: (settings: AppSettings) => Promise<StorePlan>;
  scope?: TenantScope;
  source?: SlaSource;
  layout?: SceneObject;
  message?: string;
}

/**
 * Resolves the tenant (tenant mode: from the org's settings only; operator mode: from the picker), probes once
 * whether the recording rules have series for it, then builds the page with recorded or raw queries.
 */
export class SlaBody extends SceneObjectBase<SlaBodyState> {
  static Component = SlaBodyRenderer;

  // Only the operator's page listens to a variable; in tenant mode nothing the viewer changes reaches the queries.
  protected _variableDependency = tenantDependency(this, this.state.settings, () => this.resolve());

  /** Bumped on every resolve so a slow probe for a previously picked tenant cannot build the page. */
  private generation = 0;
  private stopProbe?: () => void;

  constructor(state: SlaBodyState) {
    super(state);
    this.addActivationHandler(() => {
      this.resolve();
      return () => this.stopProbe?.();
    });
  }

  /** Picks the tenant and starts the probe; called on activation and when the operator picks another tenant. */
  resolve() {
    const { settings } = this.state;
    const generation = ++this.generation;
    this.stopProbe?.();
    this.stopProbe = undefined;
    const picked =
      settings.mode === 'operator' ? sceneGraph.lookupVariable(TENANT_VARIABLE, this)?.getValue() : undefined;
    const r = resolveTenant(settings, { picked });
    if (!r.ok) {
      this.setState({ scope: undefined, layout: undefined, source: undefined, message: r.reason, $data: undefined });
      return;
    }
    this.setState({ scope: r.scope, layout: undefined, source: undefined, message: undefined, $data: undefined });
    void this.plan().then((plan) => {
      if (generation === this.generation) {
        this.probe(r.scope, plan, generation);
      }
    });
  }

  private planned?: Promise<StorePlan>;

  /** Read once per page: the retention does not change while it is open. */
  private plan(): Promise<StorePlan> {
    const { settings, readPlan = grafanaStorePlan } = this.state;
    this.planned ??= readPlan(settings).catch((e: unknown): StorePlan => ({
      history: Boolean(settings.datasources.historyUid),
      retention: { kind: 'unknown', why: e instanceof Error ? e.message : 'the retention could not be read' },
    }));
    return this.planned;
  }

  /** Whether the recording rules have series for the tenant, then the page with recorded or raw queries. */
  private probe(scope: TenantScope, plan: StorePlan, generation: number) {
    const { settings } = this.state;
    const raw = rawQueriesApply(settings);
    if (!recordedRulesApply(settings)) {
      this.buildOrExplain(scope, raw ? 'raw' : undefined, plan);
      return;
    }
    const probe = new SceneQueryRunner({
      datasource: prometheusRef(settings),
      queries: [{ refId: 'probe', expr: recordedProbeQuery(scope), instant: true, range: false }],
    });
    this.setState({ $data: probe });
    const sub = probe.subscribeToState((s) => {
      const state = s.data?.state;
      if (generation !== this.generation || (state !== LoadingState.Done && state !== LoadingState.Error)) {
        return;
      }
      this.stopProbe?.();
      this.stopProbe = undefined;
      // A failed probe is not an answer about the rules: raw queries still work (and show their own errors).
      const count = samplesByRefId(s.data?.series ?? []).get('probe')?.[0]?.value ?? 0;
      this.buildOrExplain(scope, count > 0 ? 'recorded' : raw ? 'raw' : undefined, plan);
    });
    const deactivate = probe.activate();
    this.stopProbe = () => {
      sub.unsubscribe();
      deactivate();
    };
  }

  /** Builds the page from `source`, or says why there is nothing to show (a gateway recipe without its rules). */
  private buildOrExplain(scope: TenantScope, source: SlaSource | undefined, plan: StorePlan) {
    if (!source) {
      const message = missingSeriesMessage(this.state.settings, scope);
      this.setState({ scope, source: undefined, layout: undefined, message, $data: undefined });
      return;
    }
    this.build(scope, source, plan);
  }

  private build(scope: TenantScope, source: SlaSource, plan: StorePlan) {
    const layout = buildSlaLayout(this.state.settings, scope, source, Date.now() / 1000, plan);
    this.setState({ scope, source, layout, message: undefined, $data: undefined });
  }
}

function SlaBodyRenderer({ model }: SceneComponentProps<SlaBody>) {
  const { layout, message, scope } = model.useState();
  if (message) {
    return (
      <div data-testid={testIds.sla.message}>
        <Alert title="Service levels" severity="info">
          {message}
        </Alert>
      </div>
    );
  }
  if (!layout) {
    return <LoadingPlaceholder text={scope ? `Loading service levels for ${scope.id}…` : 'Loading…'} />;
  }
  return (
    <div data-testid={testIds.sla.container}>
      <layout.Component model={layout} />
    </div>
  );
}
