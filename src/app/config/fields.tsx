import React, { createContext, useContext, useState } from 'react';
import { Badge, Button, Field, IconButton, Input, Stack, TagsInput } from '@grafana/ui';
import { LEVEL_BADGE, severityLevel } from '../severity';
import { getPath, type Draft } from './draft';

/** What every config field needs: the draft, a setter, and the current problems by field path. */
export interface FormContextValue {
  draft: Draft;
  set: (path: string, value: unknown) => void;
  errors: Record<string, string>;
}

export const FormContext = createContext<FormContextValue | null>(null);

/** The form context; fields and sections render only inside it. */
export function useForm(): FormContextValue {
  const ctx = useContext(FormContext);
  if (!ctx) {
    throw new Error('config fields must be rendered inside FormContext');
  }
  return ctx;
}

export interface FieldProps {
  path: string;
  label: string;
  /** Help text: every field says what it is for and what a good value looks like. */
  description: string;
  placeholder?: string;
  width?: number;
}

/** The id of a setting's input; the validation summary links to it. */
export function inputId(path: string) {
  return `sovgrid-${path.replace(/\./g, '-')}`;
}

function SettingInput({ path, label, description, placeholder, width, type }: FieldProps & { type: 'text' | 'number' }) {
  const { draft, set, errors } = useForm();
  const value = getPath(draft, path);
  return (
    <Field label={label} description={description} invalid={Boolean(errors[path])} error={errors[path]}>
      <Input
        id={inputId(path)}
        type={type}
        width={width}
        value={value === undefined || value === null ? '' : String(value)}
        placeholder={placeholder}
        onChange={(e) => set(path, e.currentTarget.value)}
      />
    </Field>
  );
}

/** A text setting. */
export function TextField(props: FieldProps) {
  return <SettingInput width={36} {...props} type="text" />;
}

/** A numeric setting; the raw text is kept so typing "0." is possible, parseSettings validates it. */
export function NumberField(props: FieldProps) {
  return <SettingInput width={16} {...props} type="number" />;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A list-of-text setting (job names): plain tags, no colour (a colour would claim a meaning it does not have). */
export function ListField({ path, label, description, placeholder, width = 48 }: FieldProps) {
  const { draft, set, errors } = useForm();
  return (
    <Field label={label} description={description} invalid={Boolean(errors[path])} error={errors[path]}>
      <TagsInput
        id={inputId(path)}
        width={width}
        tags={stringList(getPath(draft, path))}
        placeholder={placeholder}
        autoColors={false}
        onChange={(t) => set(path, t)}
      />
    </Field>
  );
}

interface SeverityEditorProps {
  path: string;
  list: string[];
  placeholder?: string;
  set: (path: string, value: unknown) => void;
  /** Field hands its state to its child; the input shows it. */
  invalid?: boolean;
}

function SeverityEditor({ path, list, placeholder, set, invalid }: SeverityEditorProps) {
  const [text, setText] = useState('');
  const add = () => {
    const v = text.trim();
    if (v && !list.includes(v)) {
      set(path, [...list, v]);
    }
    setText('');
  };
  return (
    <Stack direction="column" gap={1}>
      <Stack gap={1}>
        <Input
          id={inputId(path)}
          width={24}
          value={text}
          invalid={invalid}
          placeholder={placeholder}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button variant="secondary" onClick={add} disabled={text.trim() === ''} tooltip={text.trim() === '' ? 'Type a severity first' : undefined}>
          Add
        </Button>
      </Stack>
      <Stack gap={1} wrap="wrap" alignItems="center">
        {list.map((s) => (
          <Stack key={s} gap={0} alignItems="center">
            <Badge text={s} color={LEVEL_BADGE[severityLevel(s)]} />
            <IconButton name="times" size="sm" aria-label={`Remove ${s}`} onClick={() => set(path, list.filter((x) => x !== s))} />
          </Stack>
        ))}
      </Stack>
    </Stack>
  );
}

/** Severity names, each in the colour its meaning has everywhere in the app (red critical, orange warning …). */
export function SeveritiesField({ path, label, description, placeholder }: FieldProps) {
  const { draft, set, errors } = useForm();
  return (
    <Field label={label} description={description} invalid={Boolean(errors[path])} error={errors[path]}>
      <SeverityEditor path={path} list={stringList(getPath(draft, path))} placeholder={placeholder} set={set} />
    </Field>
  );
}
