import React, { lazy, Suspense, useMemo } from 'react';
import { sceneGraph, SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import type { AppSettings } from '../../settings';
import { resolveTenant, type TenantScope } from '../../sla/queries';
import { TENANT_VARIABLE, tenantDependency } from '../../sla/tenantPicker';
import { testIds } from '../../testIds';
import { grafanaReportDeps, type ReportDeps } from './deps';
import { printReport } from './print';

// The report (model, document, charts) loads with the tab, not with the Service levels page.
const ReportView = lazy(() => import('./ReportView').then((m) => ({ default: m.ReportView })));

export interface ReportSceneState extends SceneObjectState {
  settings: AppSettings;
  /** Tests pass their own; the page uses Grafana's. */
  deps?: ReportDeps;
  scope?: TenantScope;
  message?: string;
}

/** Resolves the tenant exactly as the Service levels page does, then shows that tenant's monthly report. */
export class ReportScene extends SceneObjectBase<ReportSceneState> {
  static Component = ReportSceneRenderer;

  // Only the operator's page follows a variable; a tenant org's report is its own tenant's, whatever the URL says.
  protected _variableDependency = tenantDependency(this, this.state.settings, () => this.resolve());

  constructor(state: ReportSceneState) {
    const s = state.settings;
    super({ ...state, deps: state.deps ?? grafanaReportDeps(s, (doc) => printReport(doc, 'Service report')) });
    this.addActivationHandler(() => this.resolve());
  }

  resolve() {
    const { settings } = this.state;
    const picked =
      settings.mode === 'operator' ? sceneGraph.lookupVariable(TENANT_VARIABLE, this)?.getValue() : undefined;
    const r = resolveTenant(settings, { picked });
    if (r.ok && r.scope.id === this.state.scope?.id) {
      return;
    }
    this.setState(r.ok ? { scope: r.scope, message: undefined } : { scope: undefined, message: r.reason });
  }
}

function ReportSceneRenderer({ model }: SceneComponentProps<ReportScene>) {
  const { settings, scope, message, deps } = model.useState();
  // The operator's preview names the picked tenant by its id; a tenant org uses its configured display name.
  const shown = useMemo(
    () =>
      scope && scope.id !== settings.tenant.id ? { ...settings, tenant: { id: scope.id, name: scope.id } } : settings,
    [settings, scope]
  );
  if (message || !scope || !deps) {
    return (
      <div data-testid={testIds.report.error}>
        <Alert title="Monthly report" severity="info">
          {message ?? 'Loading…'}
        </Alert>
      </div>
    );
  }
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading the report…" />}>
      <ReportView settings={shown} scope={scope} deps={deps} />
    </Suspense>
  );
}
