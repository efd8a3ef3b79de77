// Which names carry secrets (`DB_PASSWORD`, `apiKey`, `Grpc-Metadata-macaroon`, `--api-key`) and which values
// after them are secrets. Names are split into parts (snake, kebab, dotted, camelCase) so `tokenizer`,
// `max_tokens` or `password_file` are not mistaken for secrets while `PGPASSWORD` and `MYSQL_PWD` are.
import { PROVIDER_KEYWORDS } from './secretRules';

/** How strongly a name says its value is a secret. */
// password: any value goes (passwords are short and plain); token: any value that is not a plain word; weak and
// provider: only random-looking values (gitleaks' generic and semi-generic rules with their entropy filter).
export type KeyKind = 'password' | 'token' | 'weak' | 'provider' | 'header' | 'cookie';

/** Parts that name a password-like secret: any value after them goes. */
const PASSWORD_PARTS = new Set([
  'password',
  'passwd',
  'passphrase',
  'passwort',
  'pass',
  'pwd',
  'pword',
  'secret',
  'secretkey',
  'clientsecret',
  'sharedsecret',
  'webhooksecret',
  'credential',
  'credentials',
  'creds',
  'macaroon',
  'mnemonic',
  'seedphrase',
  'xprv',
  'psk',
]);
/** Parts that name a token: a value goes unless it is a plain word (`Token: Token {…}`, `token=expired`). */
const TOKEN_PARTS = new Set([
  'token',
  'apikey',
  'accesskey',
  'privatekey',
  'sessiontoken',
  'sessionkey',
  'bearer',
  'jwt',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'authkey',
  'accesstoken',
  'refreshtoken',
  'authtoken',
  'idtoken',
  'dsn',
]);
/** Long words that also count at the end of a fused name (`PGPASSWORD`, `xauthtoken`, `vllmapikey`). */
const PASSWORD_SUFFIXES = ['password', 'passwd', 'passphrase', 'secret', 'credential', 'credentials', 'macaroon'];
const TOKEN_SUFFIXES = ['token', 'apikey', 'accesskey', 'privatekey'];
/** Parts that make a value a secret only when it looks random (gitleaks' generic rule with its entropy filter). */
const WEAK_PARTS = new Set([
  'key',
  'auth',
  'access',
  'api',
  'sig',
  'signature',
  'salt',
  'nonce',
  'hmac',
  'sas',
  'session',
  'sessionid',
  'otp',
  'pin',
  'cert',
]);
/** A part after the secret word that makes the name about the secret, not the secret itself. */
const QUALIFIERS = new Set([
  'count',
  'counts',
  'len',
  'length',
  'size',
  'num',
  'number',
  'type',
  'types',
  'limit',
  'limits',
  'usage',
  'used',
  'budget',
  'expiry',
  'expires',
  'expiration',
  'expired',
  'ttl',
  'file',
  'files',
  'path',
  'paths',
  'dir',
  'url',
  'uri',
  'endpoint',
  'host',
  'name',
  'names',
  'format',
  'policy',
  'rotation',
  'timeout',
  'at',
  'time',
  'age',
  'status',
  'enabled',
  'enable',
  'disabled',
  'required',
  'valid',
  'validity',
  'id',
  'ids',
  'index',
  'idx',
  'field',
  'header',
  'prefix',
  'suffix',
  'param',
  'kind',
  'mode',
  'version',
  'algorithm',
  'alg',
  'method',
  'source',
  'provider',
  'ref',
  'env',
  'var',
  'hint',
  'label',
  'min',
  'max',
  'bits',
  'strength',
  'changed',
  'reset',
  'error',
  'err',
  'retries',
  'attempts',
  'failures',
  'rules',
  'encoding',
  'location',
  'lifetime',
  'duration',
  'scope',
  'scopes',
  'issuer',
  'audience',
  'manager',
  'store',
  'stores',
  'cache',
  'mismatch',
  'invalid',
  'missing',
  'ok',
  'check',
  'checks',
  'auth',
  'based',
  'less',
  'id_token_hint',
  'log',
  'logs',
  'ms',
  'seconds',
  'secs',
  'sec',
  'bytes',
  'usec',
  'per',
  'window',
  'rate',
  'total',
  'left',
  'remaining',
  'generation',
]);

const PROVIDERS = PROVIDER_KEYWORDS.map((k) => k.replace(/[_-]/g, ''));

/** Substrings every name that classifies contains (case-insensitive): a text without any has no secret names. */
export const NAME_FRAGMENTS = [
  'pass',
  'pwd',
  'pword',
  'secret',
  'cred',
  'macaroon',
  'mnemonic',
  'seed',
  'xprv',
  'psk',
  'token',
  'key',
  'bearer',
  'jwt',
  'dsn',
  'auth',
  'access',
  'api',
  'sig',
  'salt',
  'nonce',
  'hmac',
  'sas',
  'session',
  'otp',
  'pin',
  'cert',
  'cookie',
  ...PROVIDERS,
];
const NAME_GATE = new RegExp([...new Set(NAME_FRAGMENTS)].join('|'), 'i');

/** Whether `text` may hold a name that classifies: one cheap test spares the name scans on most lines. */
export function mayNameSecrets(text: string): boolean {
  return NAME_GATE.test(text);
}

/** Every part the classification knows, for checking NAME_FRAGMENTS against. */
export function knownParts(): string[] {
  return [
    ...PASSWORD_PARTS,
    ...TOKEN_PARTS,
    ...WEAK_PARTS,
    ...PASSWORD_SUFFIXES,
    ...TOKEN_SUFFIXES,
    'authorization',
    'cookie',
    'cookies',
    ...PROVIDERS,
  ];
}

const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Where a camelCase or acronym boundary falls before `i` (`apiKey`, `HTTPServer` → HTTP|Server). */
function caseBoundary(name: string, i: number): boolean {
  const prev = name.charCodeAt(i - 1);
  const c = name.charCodeAt(i);
  return isUpper(c) && (isLower(prev) || isDigit(prev) || (isUpper(prev) && isLower(name.charCodeAt(i + 1))));
}

/** Splits a name into lower-case parts: `awsSecretAccessKey` → aws, secret, access, key. */
export function nameParts(name: string): string[] {
  const parts: string[] = [];
  let start = -1;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 32;
    const alnum = isLower(c) || isUpper(c) || isDigit(c);
    if (start >= 0 && (!alnum || caseBoundary(name, i))) {
      parts.push(name.slice(start, i).toLowerCase());
      start = -1;
    }
    if (alnum && start < 0) {
      start = i;
    }
  }
  return parts;
}

/** The index of the last part that names a secret, with how strongly; -1 when none does. */
function secretPart(parts: string[]): { at: number; kind: KeyKind } {
  let found = { at: -1, kind: 'weak' as KeyKind };
  for (let i = 0; i < parts.length; i++) {
    // A weak word counts only at the end (`x_auth`, `signature`), not in `AuthFail` or `access_count`.
    const kind = partKind(parts[i], parts[i - 1], i === parts.length - 1);
    if (kind && (found.at < 0 || rank(kind) >= rank(found.kind))) {
      found = { at: i, kind };
    }
  }
  return found;
}

const rank = (k: KeyKind) => (k === 'weak' || k === 'provider' ? 0 : 1);

const fused = (part: string, suffixes: string[]) => suffixes.some((s) => part.endsWith(s) && part.length > s.length);

function partKind(part: string, previous: string | undefined, last: boolean): KeyKind | undefined {
  if (part === 'authorization') {
    return 'header';
  }
  if (part === 'cookie' || part === 'cookies') {
    return 'cookie';
  }
  const pair = previous === undefined ? '' : previous + part;
  if (PASSWORD_PARTS.has(part) || PASSWORD_PARTS.has(pair) || fused(part, PASSWORD_SUFFIXES)) {
    return 'password';
  }
  if (TOKEN_PARTS.has(part) || TOKEN_PARTS.has(pair) || fused(part, TOKEN_SUFFIXES)) {
    return 'token';
  }
  if (WEAK_PARTS.has(part) && last) {
    return 'weak';
  }
  return PROVIDERS.some((p) => part.startsWith(p)) ? 'provider' : undefined;
}

// Log lines repeat the same few names (uid, status, rhost…): classify each once.
const CACHE = new Map<string, KeyKind | null>();
const CACHE_LIMIT = 4096;

/** Whether the value assigned to `name` may be a secret, and how sure the name is; undefined for ordinary names. */
export function classifyKey(name: string): KeyKind | undefined {
  let kind = CACHE.get(name);
  if (kind === undefined) {
    kind = classifyUncached(name) ?? null;
    if (CACHE.size >= CACHE_LIMIT) {
      CACHE.clear();
    }
    CACHE.set(name, kind);
  }
  return kind ?? undefined;
}

function classifyUncached(name: string): KeyKind | undefined {
  const parts = nameParts(name);
  const { at, kind } = secretPart(parts);
  if (at < 0) {
    return undefined;
  }
  // `password_file`, `token_count`, `api_key_id`: the name is about the secret, the value is not one. A provider's
  // name is different: `bitbucket_client_id` holds a credential (its value must look random anyway).
  for (let i = at + 1; i < parts.length && kind !== 'provider'; i++) {
    if (QUALIFIERS.has(parts[i])) {
      return undefined;
    }
  }
  return kind;
}

const PLACEHOLDER =
  /^(?:true|false|null|nil|none|undefined|yes|no|on|off|empty|unset|required|optional|hidden|masked|redacted|changeme|\(none\)|<none>|<redacted>|-+|\*+|x{3,}|\.{3}|…)$/i;

/** A value that is a reference or a placeholder, not a secret: `$DB_PASSWORD`, `${X}`, `{{ .Values.x }}`, `***`. */
export function isPlaceholder(v: string): boolean {
  return (
    v === '' ||
    PLACEHOLDER.test(v) ||
    v.startsWith('[REDACTED') ||
    /^\$\{?[A-Za-z_]/.test(v) ||
    v.startsWith('{{') ||
    /^<[a-z_ -]+>$/i.test(v)
  );
}

const COUNTS = new Int32Array(256);

/** Shannon entropy in bits per character (gitleaks' filter against false positives). */
export function shannonEntropy(s: string): number {
  if (!s) {
    return 0;
  }
  COUNTS.fill(0);
  let other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 256) {
      COUNTS[c]++;
    } else {
      other++;
    }
  }
  let h = 0;
  const add = (n: number) => {
    const p = n / s.length;
    h -= p * Math.log2(p);
  };
  for (let c = 0; c < 256; c++) {
    if (COUNTS[c] > 0) {
      add(COUNTS[c]);
    }
  }
  if (other > 0) {
    add(other);
  }
  return h;
}

/** A value that looks machine-made: long enough, mixed, and with gitleaks' entropy or more. */
export function looksRandom(v: string, minLength: number, minEntropy: number): boolean {
  // One token of a key alphabet (base64, base64url, hex, …), not a path, a URL or a hex number (`0x14ede63a`).
  if (
    v.length < minLength ||
    !/^[A-Za-z0-9+/_=.~%-][A-Za-z0-9+/_=.~:%-]*$/.test(v) ||
    v.startsWith('/') ||
    v.includes('://') ||
    /^0x[0-9a-f]{1,16}$/i.test(v)
  ) {
    return false;
  }
  // Random strings of this length almost always hold a digit and a letter; words, paths and names often do not.
  return /\d/.test(v) && /[A-Za-z]/.test(v) && shannonEntropy(v) >= minEntropy;
}

/** Whether `value`, assigned to a name of this kind, is to be redacted. */
export function acceptValue(kind: KeyKind, value: string): boolean {
  if (isPlaceholder(value)) {
    return false;
  }
  if (kind === 'password' || kind === 'cookie' || kind === 'header') {
    return true;
  }
  if (kind === 'token') {
    // Not a plain word (`Token: Token {…}`), nor an object's printout (`token=Token{78af589`).
    // A short run of letters is a word or a class name (`AppWindowToken`); random tokens hold digits or symbols.
    return value.length >= 8 && !(/^[A-Za-z]+$/.test(value) && value.length < 20) && !/[{}()[\]<>]/.test(value);
  }
  return kind === 'provider' ? looksRandom(value, 8, 2.5) : looksRandom(value, 10, 3.5);
}
