import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, Collapse, Stack, Text, useStyles2 } from '@grafana/ui';
import { LEVEL_BADGE, severityLevel } from '../../app/severity';
import { testIds } from '../../testIds';
import type { NoiseEstimate } from '../noise/types';
import { SEVERITIES } from '../types';
import { RulesTable } from './RulesTable';
import type { GroupNode } from './view';

interface Props {
  tree: GroupNode[];
  /** Folder ids whose open state the operator flipped from its default. */
  toggled: string[];
  noise?: Map<string, NoiseEstimate>;
  onToggle: (id: string) => void;
  onOpen: (key: string) => void;
}

/** Few folders left (a search, a filter): open them all; otherwise all start closed so the tree reads as a list. */
const AUTO_OPEN_BELOW = 4;

function Counts({ n }: { n: GroupNode }) {
  return (
    <Stack gap={0.5} alignItems="center">
      <Text color="secondary" variant="bodySmall">{`${n.rules} rule${n.rules === 1 ? '' : 's'}`}</Text>
      {[...SEVERITIES].reverse().map((s) =>
        n.counts[s] ? <Badge key={s} text={`${n.counts[s]} ${s}`} color={LEVEL_BADGE[severityLevel(s)]} /> : null
      )}
      {n.counts.ok ? <Badge text={`${n.counts.ok} ok`} color="green" /> : null}
    </Stack>
  );
}

function FolderLabel({ folder }: { folder: GroupNode }) {
  return (
    <Stack gap={2} alignItems="center" wrap="wrap">
      <span title={folder.title}>
        <Text weight="medium">{folder.label}</Text>
      </span>
      <Counts n={folder} />
    </Stack>
  );
}

/** Grafana's rule-list grouping: data source › folder › group, folders collapsible, counts on every level. */
export function RulesGrouped({ tree, toggled, noise, onToggle, onOpen }: Props) {
  const s = useStyles2(getStyles);
  const folders = tree.reduce((n, src) => n + src.children.length, 0);
  return (
    <div data-testid={testIds.rules.grouped}>
      <Stack direction="column" gap={2}>
        {tree.map((src) => (
          <section key={src.id} aria-label={`Rules from ${src.label}`}>
            <div className={s.source}>
              <Stack gap={2} alignItems="center" wrap="wrap">
                <Text element="h3" variant="h5">
                  {src.label}
                </Text>
                <Counts n={src} />
              </Stack>
            </div>
            {src.children.map((folder) => {
              const byDefault = folders < AUTO_OPEN_BELOW;
              const open = byDefault !== toggled.includes(folder.id);
              return (
                <Collapse key={folder.id} label={<FolderLabel folder={folder} />} isOpen={open} onToggle={() => onToggle(folder.id)}>
                  {open &&
                    folder.children.map((group) => (
                      <div key={group.id} className={s.group}>
                        <Stack gap={2} alignItems="center">
                          <Text variant="bodySmall" weight="medium">{`Group ${group.label}`}</Text>
                          {folder.children.length > 1 && <Counts n={group} />}
                        </Stack>
                        <RulesTable shown={group.shown} noise={noise} onOpen={onOpen} />
                      </div>
                    ))}
                </Collapse>
              );
            })}
          </section>
        ))}
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  source: css({ marginBottom: theme.spacing(1) }),
  group: css({ marginBottom: theme.spacing(2) }),
});
