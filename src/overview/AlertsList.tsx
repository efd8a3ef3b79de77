import React from 'react';
import { css } from '@emotion/css';
import type { DataFrame, GrafanaTheme2 } from '@grafana/data';
import { type SceneComponentProps, sceneGraph, SceneObjectBase, type SceneObjectState } from '@grafana/scenes';
import { Alert, Badge, Card, LinkButton, Stack, Text, useStyles2 } from '@grafana/ui';
import { grafanaHttp } from '../grafana/http';
import { describe } from '../shared/http';
import { triageUrl } from '../triage/links';
import { testIds } from '../testIds';
import { type ActiveAlert, alertsWithActions, parseAlertingRules } from './alerts';
import { grafanaHref, rangeOf } from './links';

type Rules = ReturnType<typeof parseAlertingRules>;
type RulesState = { status: 'loading' } | { status: 'ok'; rules: Rules } | { status: 'error'; message: string };

interface AlertsListState extends SceneObjectState {
  actionAnnotation: string;
  hostLabel: string;
  /** Uid of the Prometheus whose rules carry the actions. */
  datasourceUid: string;
  rules: RulesState;
}

/** Label sets of ALERTS series in (signal-selected) frames. */
export function alertLabelSets(frames: DataFrame[]): Array<Record<string, string>> {
  return frames.flatMap((f) => f.fields.filter((x) => x.type !== 'time' && x.labels).map((x) => ({ ...x.labels })));
}

/**
 * Firing and pending alerts from ALERTS, each with its `action`. ALERTS carries labels only, so the actions come
 * from the same Prometheus' rules, read through Grafana (`/api/prometheus/<uid>/api/v1/rules`).
 */
export class AlertsList extends SceneObjectBase<AlertsListState> {
  static Component = AlertsListRenderer;

  constructor(state: Omit<AlertsListState, 'rules'>) {
    super({ ...state, rules: { status: 'loading' } });
    this.addActivationHandler(() => {
      this.loadRules();
    });
  }

  async loadRules() {
    if (!this.state.datasourceUid) {
      this.setState({
        rules: { status: 'error', message: 'no Prometheus data source is configured or set as default' },
      });
      return;
    }
    const url = `/api/prometheus/${encodeURIComponent(this.state.datasourceUid)}/api/v1/rules`;
    const res = await grafanaHttp({ url, timeoutMs: 15_000 });
    if (!res.ok) {
      this.setState({ rules: { status: 'error', message: describe(res.error, { what: 'The rules API' }) } });
      return;
    }
    try {
      this.setState({ rules: { status: 'ok', rules: parseAlertingRules(res.data) } });
    } catch (e) {
      this.setState({ rules: { status: 'error', message: e instanceof Error ? e.message : 'unreadable answer' } });
    }
  }
}

function hostPart(value: string | undefined): string[] {
  return value ? [value.replace(/:\d+$/, '')] : [];
}

function AlertCard({ alert, model }: { alert: ActiveAlert; model: AlertsList }) {
  const { hostLabel } = model.state;
  const styles = useStyles2(getStyles);
  const host = alert.labels[hostLabel];
  const triage = triageUrl({ alertname: alert.alertname, hosts: hostPart(host), ...rangeOf(model) });
  return (
    <Card>
      <Card.Heading>{alert.alertname}</Card.Heading>
      <Card.Meta>{[alert.severity || 'no severity', host ?? 'no host label']}</Card.Meta>
      <Card.Tags>
        <Badge text={alert.state} color={alert.state === 'firing' ? 'red' : 'orange'} />
      </Card.Tags>
      <Card.Description>
        {alert.action ? (
          <span className={styles.action}>{alert.action}</span>
        ) : (
          <Text color="warning">No action annotation: this alert does not say what to do. Fix the rule.</Text>
        )}
      </Card.Description>
      <Card.Actions>
        <LinkButton size="sm" variant="secondary" icon="ai" href={grafanaHref(triage)}>
          Triage
        </LinkButton>
        <LinkButton
          size="sm"
          variant="secondary"
          icon="bell"
          href={grafanaHref(`/alerting/list?search=${encodeURIComponent(`rule:"${alert.alertname}"`)}`)}
        >
          Rule
        </LinkButton>
      </Card.Actions>
    </Card>
  );
}

function AlertsListRenderer({ model }: SceneComponentProps<AlertsList>) {
  const { rules, actionAnnotation } = model.useState();
  const { data } = sceneGraph.getData(model).useState();
  sceneGraph.getTimeRange(model).useState();
  const series = alertLabelSets(data?.series ?? []);
  const alerts = alertsWithActions(series, rules.status === 'ok' ? rules.rules : [], actionAnnotation);
  const failed = data?.errors?.length ? data.errors.map((e) => e.message).join('; ') : undefined;
  return (
    <div data-testid={testIds.overview.alertList}>
      <Stack direction="column" gap={1}>
        <Text element="h3" variant="h5">
          Active alerts and their actions
        </Text>
        {failed && (
          <Alert severity="error" title="ALERTS could not be read">
            {failed}. Check the Prometheus data source of this app&apos;s configuration.
          </Alert>
        )}
        {rules.status === 'error' && series.length > 0 && (
          <Alert severity="warning" title="Actions unavailable">
            The rules could not be read, so the actions of these alerts cannot be shown: {rules.message} Your role
            needs permission to read alert rules.
          </Alert>
        )}
        {!failed && data?.state === 'Done' && alerts.length === 0 && (
          <Text color="secondary">No alert is firing or pending.</Text>
        )}
        {alerts.map((a) => (
          <AlertCard key={JSON.stringify(a.labels)} alert={a} model={model} />
        ))}
      </Stack>
    </div>
  );
}

function getStyles(theme: GrafanaTheme2) {
  return {
    action: css({ fontFamily: theme.typography.fontFamilyMonospace, whiteSpace: 'pre-wrap' }),
  };
}
