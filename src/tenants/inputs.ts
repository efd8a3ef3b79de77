/**
 * Strict checks of what the operator types into `npm run tenant -- add`. Pure: no Grafana, no network.
 * Every function returns either the cleaned value or a message that says what is wrong and what to do.
 */
import { TENANT_ID } from '../settings';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Grafana's `org.name` column is NVARCHAR(190) (sqlstore migrations, `addOrgMigrations`). */
export const MAX_ORG_NAME = 190;
/** Grafana's `user.login` and `user.email` columns are NVARCHAR(190) as well. */
export const MAX_LOGIN = 190;

// Control, format (bidi overrides, zero-width) and line/paragraph separators: invisible or terminal-active.
const UNSAFE_CHARS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function visible(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

export function checkTenantId(v: string | undefined): Checked<string> {
  if (!v || !TENANT_ID.test(v)) {
    return {
      ok: false,
      message: `tenant id must be lowercase letters, digits, - and _ (at most 63), got ${visible(v ?? '')}`,
    };
  }
  return { ok: true, value: v };
}

/** Display name = the Grafana org name customers see: printable, within Grafana's column limit. */
export function checkDisplayName(v: string | undefined): Checked<string> {
  const name = (v ?? '').trim();
  if (name === '') {
    return { ok: false, message: 'add needs --name "<display name>"' };
  }
  if (UNSAFE_CHARS.test(name)) {
    return {
      ok: false,
      message: `--name must not contain control characters, line breaks or invisible formatting, got ${visible(name)}`,
    };
  }
  if ([...name].length > MAX_ORG_NAME) {
    return {
      ok: false,
      message: `--name is ${[...name].length} characters long; Grafana keeps at most ${MAX_ORG_NAME}`,
    };
  }
  if (!HAS_LETTER_OR_DIGIT.test(name)) {
    return { ok: false, message: `--name needs at least one letter or digit, got ${visible(name)}` };
  }
  return { ok: true, value: name };
}

export function checkViewerLogin(v: string): Checked<string> {
  const login = v.trim();
  if (login === '' || UNSAFE_CHARS.test(login) || /\s/.test(login)) {
    return {
      ok: false,
      message: `--viewer-login must be a login or an email without spaces or control characters, got ${visible(v)}`,
    };
  }
  if ([...login].length > MAX_LOGIN) {
    return { ok: false, message: `--viewer-login is longer than Grafana's ${MAX_LOGIN} characters` };
  }
  return { ok: true, value: login };
}

/**
 * The label-enforcing proxy URL pattern: an http(s) URL with `{id}` in it (every tenant gets its own proxy), no
 * credentials, nothing after the path. Returns the URL for this tenant.
 */
export function checkUrlPattern(pattern: string, id: string, flag = '--prometheus-url-pattern'): Checked<string> {
  const hint = 'pass an http(s) URL with {id} where the tenant id goes, e.g. http://prom-label-proxy-{id}:8080';
  if (UNSAFE_CHARS.test(pattern) || /\s/.test(pattern)) {
    return { ok: false, message: `${flag} must not contain spaces or control characters; ${hint}` };
  }
  if (!/^https?:\/\//i.test(pattern)) {
    return {
      ok: false,
      message: `${flag} must start with http:// or https://, got ${visible(pattern)}; ${hint}`,
    };
  }
  if (!pattern.includes('{id}')) {
    return {
      ok: false,
      message: `${flag} has no {id}: every tenant needs its own label-enforcing proxy, got ${visible(pattern)}; ${hint}`,
    };
  }
  const url = pattern.split('{id}').join(id);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return {
      ok: false,
      message: `${flag} does not make a valid URL for "${id}" (${visible(url)}); ${hint}`,
    };
  }
  if (u.username !== '' || u.password !== '') {
    return {
      ok: false,
      message: `${flag} must not carry credentials: data source secrets belong in secureJsonData`,
    };
  }
  if (u.search !== '' || u.hash !== '') {
    return {
      ok: false,
      message: `${flag} must not have a query or fragment, got ${visible(pattern)}; ${hint}`,
    };
  }
  return { ok: true, value: url };
}

/**
 * A URL reduced to what decides where requests go: scheme, lowercased host, explicit port, path without trailing
 * slashes. Two data sources with the same key reach the same backend.
 */
export function urlKey(url: string): string | undefined {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
    return `${u.protocol}//${u.hostname.toLowerCase()}:${port}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

/** Same org name for Grafana's purposes here: case and surrounding space do not make a different customer. */
export function sameOrgName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
