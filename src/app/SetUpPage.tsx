import React from 'react';
import { Alert, LinkButton, Stack } from '@grafana/ui';
import { PLUGIN_ID } from '../constants';
import type { SettingsProblem } from '../settings';
import { testIds } from '../testIds';
import { roleIncludes } from './access';

/** Where Grafana shows the app's configuration page (the id given to addConfigPage in appPlugin.tsx). */
export const CONFIG_PAGE_URL = `/plugins/${PLUGIN_ID}?page=configuration`;

interface Props {
  orgRole: string | undefined;
  problems: SettingsProblem[];
}

/** Shown instead of every page while this org's settings name no mode: nothing is rendered or queried. */
export function SetUpPage({ orgRole, problems }: Props) {
  const found = problems.map((p) => `${p.field || 'settings'}: ${p.message}`).join('; ');
  return (
    <div data-testid={testIds.app.setUp}>
      <Alert title="Set up Sovgrid Ops" severity="info">
        <Stack direction="column" gap={1}>
          <div>
            Sovgrid Ops has not been set up in this organization: its settings do not say whether this is the
            operator&apos;s organization or a customer&apos;s, so no page is shown.
            {found && ` Found: ${found}.`}
          </div>
          {roleIncludes(orgRole, 'Admin') ? (
            <div>
              <LinkButton href={CONFIG_PAGE_URL} icon="cog">
                Open the configuration page
              </LinkButton>
            </div>
          ) : (
            <div>Ask your Grafana admin to set up Sovgrid Ops for this organization.</div>
          )}
        </Stack>
      </Alert>
    </div>
  );
}
