import { QueryVariable, type SceneObject, SceneVariableSet, VariableDependencyConfig } from '@grafana/scenes';
import { prometheusRef } from '../grafana/datasources';
import type { AppSettings } from '../settings';
import { tenantPickerQuery } from './queries';

/**
 * The operator's tenant picker, shared by the Service levels page and its Monthly report tab so both scope alike.
 * Tenant mode gets no variable and no dependency at all: nothing a viewer puts in the URL reaches a query.
 */

/** Name of the operator's tenant picker variable (operator mode only). */
export const TENANT_VARIABLE = 'tenant';

/** The picker (operator mode), or no variables (tenant mode). */
export function tenantPickerVariables(settings: AppSettings): SceneVariableSet | undefined {
  if (settings.mode !== 'operator') {
    return undefined;
  }
  return new SceneVariableSet({
    variables: [
      new QueryVariable({
        name: TENANT_VARIABLE,
        label: 'Tenant',
        datasource: prometheusRef(settings),
        // The plain-string form: every Prometheus data source version migrates it to its own query type.
        query: tenantPickerQuery(settings),
        refresh: 2,
        sort: 1,
      }),
    ],
  });
}

/** Calls `onChange` when the operator picks another tenant; tenant mode listens to nothing. */
export function tenantDependency(
  object: SceneObject,
  settings: AppSettings,
  onChange: () => void
): VariableDependencyConfig<never> | undefined {
  return settings.mode === 'operator'
    ? new VariableDependencyConfig(object as never, {
        variableNames: [TENANT_VARIABLE],
        onReferencedVariableValueChanged: onChange,
      })
    : undefined;
}
