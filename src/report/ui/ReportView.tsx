import React, { useEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Combobox, LoadingPlaceholder, Stack, useStyles2, type ComboboxOption } from '@grafana/ui';
import type { AppSettings } from '../../settings';
import type { TenantScope } from '../../sla/queries';
import { formatYearMonth, monthName, monthOf, parseYearMonth, previousMonth, type YearMonth } from '../../sla/windows';
import { testIds } from '../../testIds';
import { collectReport } from '../collect';
import type { NarrativeOutcome } from '../narrative';
import type { ReportModel } from '../types';
import type { ReportDeps } from './deps';
import { MonthlyReport } from './MonthlyReport';

/** Months the picker offers: this month so far and the twelve before it. */
export function monthOptions(now: number, timeZone: string): Array<ComboboxOption<string>> {
  const out: Array<ComboboxOption<string>> = [];
  let ym = monthOf(now, timeZone);
  for (let i = 0; i < 13; i++) {
    out.push({ value: formatYearMonth(ym), label: i === 0 ? `${monthName(ym)} (so far)` : monthName(ym) });
    ym = previousMonth(ym);
  }
  return out;
}

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; model: ReportModel };

/** The report of one tenant and month; a result for another key (an earlier pick) is never shown. */
function useReport(settings: AppSettings, scope: TenantScope, month: YearMonth, deps: ReportDeps, key: string): State {
  const [result, setResult] = useState<{ key: string; state: State }>();
  useEffect(() => {
    let live = true;
    const data = deps.data();
    const made =
      typeof data === 'string'
        ? Promise.reject(new Error(data))
        : (deps.stores?.() ?? Promise.resolve(undefined)).then((stores) =>
            collectReport({ settings, scope, month, now: deps.now(), stores }, data, deps.incidents(scope.id))
          );
    made.then(
      (model) => live && setResult({ key, state: { kind: 'ready', model } }),
      (e: unknown) =>
        live && setResult({ key, state: { kind: 'error', message: e instanceof Error ? e.message : String(e) } })
    );
    return () => {
      live = false;
    };
  }, [settings, scope, month, deps, key]);
  return result?.key === key ? result.state : { kind: 'loading' };
}

export interface ReportViewProps {
  settings: AppSettings;
  scope: TenantScope;
  deps: ReportDeps;
}

/** The "Monthly report" tab: a month picker, the report as an A4 sheet, print, and (for editors) the summary. */
export function ReportView({ settings, scope, deps }: ReportViewProps) {
  const styles = useStyles2(getStyles);
  const tz = settings.sla.timeZone;
  const options = useMemo(() => monthOptions(deps.now(), tz), [deps, tz]);
  const [monthText, setMonthText] = useState(options[1].value!);
  const month = useMemo(() => parseYearMonth(monthText)!, [monthText]);
  const key = `${scope.label}=${scope.id}|${monthText}`;
  const state = useReport(settings, scope, month, deps, key);
  const [told, setTold] = useState<{ key: string; outcome: NarrativeOutcome }>();
  const narrative = told?.key === key ? told.outcome : undefined;
  const [narrating, setNarrating] = useState(false);
  const doc = useRef<HTMLDivElement>(null);

  const narrate = async (model: ReportModel) => {
    setNarrating(true);
    try {
      setTold({ key, outcome: await deps.narrate(model) });
    } catch (e) {
      setTold({ key, outcome: { status: 'unavailable', reason: e instanceof Error ? e.message : String(e) } });
    } finally {
      setNarrating(false);
    }
  };

  return (
    <div className={styles.page}>
      <Stack gap={1} alignItems="center" wrap="wrap">
        <div data-testid={testIds.report.monthPicker}>
          <Combobox
            aria-label="Month"
            width={28}
            options={options}
            value={monthText}
            onChange={(v) => setMonthText(v.value)}
          />
        </div>
        <Button
          icon="file-alt"
          variant="secondary"
          disabled={state.kind !== 'ready'}
          data-testid={testIds.report.print}
          onClick={() => doc.current && deps.print(doc.current.firstElementChild as HTMLElement)}
        >
          Print / save as PDF
        </Button>
        {deps.canNarrate() && state.kind === 'ready' && (
          <Button
            icon="ai"
            variant="secondary"
            disabled={narrating}
            data-testid={testIds.report.narrate}
            onClick={() => narrate(state.model)}
          >
            {narrating ? 'Writing summary…' : 'Write summary'}
          </Button>
        )}
      </Stack>
      {state.kind === 'loading' && <LoadingPlaceholder text={`Reading ${monthName(month)}…`} />}
      {state.kind === 'error' && (
        <div data-testid={testIds.report.error}>
          <Alert title="The report could not be made" severity="error">
            {`${state.message}. Try again in a minute; if this persists, contact your provider.`}
          </Alert>
        </div>
      )}
      {state.kind === 'ready' && (
        <div className={styles.desk} ref={doc}>
          <MonthlyReport model={state.model} narrative={narrative} paper />
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  desk: css({ overflowX: 'auto', padding: theme.spacing(2), background: theme.colors.background.canvas }),
});
