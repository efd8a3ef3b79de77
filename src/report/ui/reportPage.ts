import {
  EmbeddedScene,
  QueryVariable,
  SceneControlsSpacer,
  SceneVariableSet,
  VariableValueSelectors,
} from '@grafana/scenes';
import { prometheusRef } from '../../grafana/datasources';
import type { AppSettings } from '../../settings';
import { tenantPickerQuery } from '../../sla/queries';
import { TENANT_VARIABLE } from '../../sla/SlaBody';
import { ReportScene } from './ReportScene';

/**
 * The "Monthly report" tab of the Service levels page: tenant mode has no variable at all (the org's tenant, from its
 * settings only); operator mode adds the same tenant picker as the rest of the page.
 */
export function buildReportScene(settings: AppSettings): EmbeddedScene {
  const operator = settings.mode === 'operator';
  return new EmbeddedScene({
    $variables: operator
      ? new SceneVariableSet({
          variables: [
            new QueryVariable({
              name: TENANT_VARIABLE,
              label: 'Tenant',
              datasource: prometheusRef(settings),
              query: tenantPickerQuery(settings),
              refresh: 2,
              sort: 1,
            }),
          ],
        })
      : undefined,
    controls: operator ? [new VariableValueSelectors({}), new SceneControlsSpacer()] : [],
    body: new ReportScene({ settings }),
  });
}
