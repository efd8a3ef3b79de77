import { EmbeddedScene, SceneControlsSpacer, VariableValueSelectors } from '@grafana/scenes';
import type { AppSettings } from '../../settings';
import { tenantPickerVariables } from '../../sla/tenantPicker';
import { ReportScene } from './ReportScene';

/**
 * The "Monthly report" tab of the Service levels page: tenant mode has no variable at all (the org's tenant, from its
 * settings only); operator mode adds the same tenant picker as the rest of the page.
 */
export function buildReportScene(settings: AppSettings): EmbeddedScene {
  const operator = settings.mode === 'operator';
  return new EmbeddedScene({
    $variables: tenantPickerVariables(settings),
    controls: operator ? [new VariableValueSelectors({}), new SceneControlsSpacer()] : [],
    body: new ReportScene({ settings }),
  });
}
