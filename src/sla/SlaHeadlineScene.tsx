import React from 'react';
import { css } from '@emotion/css';
import { LoadingState, type GrafanaTheme2 } from '@grafana/data';
import { sceneGraph, SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import type { AppSettings } from '../settings';
import { testIds } from '../testIds';
import { formatPercent } from './format';
import { headlinesFromFrames } from './frames';
import type { Headline, SlaStatus } from './headline';

export interface SlaHeadlineState extends SceneObjectState {
  settings: AppSettings;
  labels: { rolling: string; month: string };
  /** Periods that cannot be shown (older than Prometheus keeps, no history): what the page says instead. */
  unavailable?: { rolling?: string; month?: string };
}

/**
 * The customer's answer: headline sentences and the objective / availability / error-budget tiles for the rolling
 * window and the calendar month, computed by the pure core from this object's query results (`$data`).
 */
export class SlaHeadlineScene extends SceneObjectBase<SlaHeadlineState> {
  static Component = SlaHeadlineRenderer;
}

const SEVERITY: Record<SlaStatus, 'success' | 'warning' | 'error' | 'info'> = {
  meeting: 'success',
  'at-risk': 'warning',
  breaching: 'error',
  'no-data': 'info',
};

const TITLE: Record<SlaStatus, string> = {
  meeting: 'Meeting the service levels',
  'at-risk': 'Service levels at risk',
  breaching: 'Service levels missed',
  'no-data': 'No requests yet',
};

function SlaHeadlineRenderer({ model }: SceneComponentProps<SlaHeadlineScene>) {
  const { settings, labels, unavailable = {} } = model.useState();
  const { data } = sceneGraph.getData(model).useState();
  const styles = useStyles2(getStyles);
  if (!data || (data.state === LoadingState.Loading && data.series.length === 0)) {
    return <LoadingPlaceholder text="Loading service levels…" />;
  }
  if (data.state === LoadingState.Error) {
    const why = data.errors?.[0]?.message ?? 'the data source did not answer';
    return (
      <div data-testid={testIds.sla.headline}>
        <Alert title="Service levels could not be loaded" severity="error">
          {`${why}. Reload the page in a minute; if this persists, contact your provider.`}
        </Alert>
      </div>
    );
  }
  const h = headlinesFromFrames(data.series, settings, labels);
  const objective = settings.sla.availabilityObjective;
  return (
    <div data-testid={testIds.sla.headline}>
      {unavailable.rolling ? (
        <Unavailable title="Not every service level can be shown" text={unavailable.rolling} />
      ) : (
        <Alert title={TITLE[h.rolling.status]} severity={SEVERITY[h.rolling.status]}>
          {h.rolling.sentences.map((s) => (
            <p key={s} className={styles.sentence}>
              {s}
            </p>
          ))}
        </Alert>
      )}
      <div className={styles.periods}>
        {!unavailable.rolling && (
          <Tiles title={capitalize(labels.rolling)} headline={h.rolling} objective={objective} />
        )}
        {!unavailable.month && <Tiles title={capitalize(labels.month)} headline={h.month} objective={objective} />}
      </div>
      {unavailable.month && <Unavailable title={capitalize(labels.month)} text={unavailable.month} />}
      {!unavailable.month &&
        !unavailable.rolling &&
        h.month.status !== 'no-data' &&
        h.month.status !== h.rolling.status && (
          <Alert
            title={`${capitalize(labels.month)}: ${TITLE[h.month.status].toLowerCase()}`}
            severity={SEVERITY[h.month.status]}
          >
            {h.month.sentences.join(' ')}
          </Alert>
        )}
    </div>
  );
}

/** A period the page does not draw from partial data: the reason and what to do, never a number. */
function Unavailable({ title, text }: { title: string; text: string }) {
  return (
    <div data-testid={testIds.sla.unavailable}>
      <Alert title={title} severity="warning">
        {text}
      </Alert>
    </div>
  );
}

function Tiles({ title, headline, objective }: { title: string; headline: Headline; objective: number }) {
  const styles = useStyles2(getStyles);
  const b = headline.budget;
  const budget = !b
    ? 'No data'
    : b.exhausted
      ? `Exhausted (${formatPercent(b.remaining, 0).replace(/^-?/, '−')})`
      : formatPercent(b.remaining, 0);
  return (
    <div className={styles.period} data-testid={testIds.sla.tiles}>
      <div className={styles.periodTitle}>{title}</div>
      <div className={styles.tiles}>
        <Tile label="Objective" value={formatPercent(objective, 3)} />
        <Tile
          label="Availability"
          value={headline.availability === undefined ? 'No data' : formatPercent(headline.availability)}
          bad={headline.availabilityStatus === 'breaching'}
        />
        <Tile label="Error budget left" value={budget} bad={b?.exhausted} />
      </div>
    </div>
  );
}

function Tile({ label, value, bad }: { label: string; value: string; bad?: boolean }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.tile}>
      <div className={styles.tileLabel}>{label}</div>
      <div className={bad ? styles.tileValueBad : styles.tileValue}>{value}</div>
    </div>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const getStyles = (theme: GrafanaTheme2) => ({
  sentence: css({ margin: 0, fontSize: theme.typography.body.fontSize }),
  periods: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2), marginBottom: theme.spacing(2) }),
  period: css({
    flex: '1 1 320px',
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(2),
    background: theme.colors.background.primary,
  }),
  periodTitle: css({ ...theme.typography.h5, marginBottom: theme.spacing(1) }),
  tiles: css({ display: 'flex', gap: theme.spacing(2), flexWrap: 'wrap' }),
  tile: css({ flex: '1 1 90px' }),
  tileLabel: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  tileValue: css({ ...theme.typography.h3, margin: 0 }),
  tileValueBad: css({ ...theme.typography.h3, margin: 0, color: theme.colors.error.text }),
});
