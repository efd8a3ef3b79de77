// Where secrets are planted. Tuning contexts are what the rules were developed against; the held-out contexts were
// written before the held-out measurement and are never used to tune: they are syntaxes and positions no test
// case of the rules uses (TOML, XML, .config files, Python reprs, systemd units, docker inspect, query strings,
// escaped JSON, Ruby/PHP/JS code, Java properties, HTTP dumps), so their recall says how the rules generalise.
import type { Rand } from './secretFamilies';

const pick = <T>(r: Rand, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];

/** Ordinary log lines from the kinds of services this stack runs; a secret is planted into one of them. */
export const CARRIER_LINES = [
  'vllm.service: Main process exited, code=exited, status=1/FAILURE',
  'ERROR 11-23 10:01:02 [serving_chat.py:217] Error in chat completion stream generator',
  'level=error ts=2026-11-23T10:01:02Z caller=scrape.go:1485 component="scrape manager" msg="Scrape failed" err="context deadline exceeded"',
  'E1123 10:01:02.123456   12345 pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \\"StartContainer\\"" pod="default/api-0"',
  'upstream connect error to http://10.0.0.7:8000/v1/chat/completions: connection refused',
  '[ERR] PEER: unable to connect to 03ab@10.1.2.3:9735: dial tcp 10.1.2.3:9735: i/o timeout',
  'Failed password for root from 203.0.113.9 port 52211 ssh2',
  '{"level":"error","ts":1700000000.1,"logger":"gateway","msg":"upstream failed","status":502}',
  'Nov 23 10:01:02 floki sms-relay[812]: send failed: provider returned 429 after 120ms',
];

const camel = (n: string) => n.toLowerCase().replace(/[_-]([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (n: string) => n.toLowerCase().replace(/_/g, '-');

/** Plants `inserted` at a random word boundary of a random carrier line. */
export function plant(r: Rand, inserted: string): string {
  const line = pick(r, CARRIER_LINES);
  const words = line.split(' ');
  const at = Math.floor(r() * (words.length + 1));
  return [...words.slice(0, at), inserted, ...words.slice(at)].join(' ');
}

/** Tuning: how a shape-recognisable secret is written next to its neighbours. */
export const TUNING_SHAPE_WRAPS: Array<(s: string) => string> = [
  (s) => s,
  (s) => `"${s}"`,
  (s) => `'${s}'`,
  (s) => `token=${s}`,
  (s) => `(${s})`,
  (s) => `[${s}]`,
  (s) => `${s},`,
  (s) => `${s}.`,
  (s) => `key:${s}`,
];

/** Tuning: assignments of a secret to a name. */
export const TUNING_ASSIGNMENTS: Array<(name: string, s: string) => string> = [
  (n, s) => `${n}=${s}`,
  (n, s) => `${n}="${s}"`,
  (n, s) => `${n}: ${s}`,
  (n, s) => `"${n}": "${s}"`,
  (n, s) => `${n} := "${s}"`,
  (n, s) => `--${kebab(n)} ${s}`,
];

/** Held out: never used to tune the rules. */
export const HELD_OUT_SHAPE_WRAPS: Array<(s: string) => string> = [
  (s) => `https://api.example.net/v1/hooks/${s}/deliver?x=1`,
  (s) => `["${s}", "other"]`,
  (s) => `<${s}>`,
  (s) => `${s};`,
  (s) => `value:${s}`,
  (s) => `\`${s}\``,
  (s) => `{${s}}`,
  (s) => `|${s}|`,
  (s) => `using credentials ${s} for upload`,
];

export const HELD_OUT_ASSIGNMENTS: Array<(name: string, s: string) => string> = [
  (n, s) => `${n.toLowerCase()} = "${s}"`,
  (n, s) => `<${camel(n)}>${s}</${camel(n)}>`,
  (n, s) => `<add key="${n}" value="${s}" />`,
  (n, s) => `{'${n.toLowerCase()}': '${s}', 'region': 'eu-west-1'}`,
  (n, s) => `Environment="${n}=${s}"`,
  (n, s) => `"Env": ["PATH=/usr/bin", "${n}=${s}"]`,
  (n, s) => `export ${n}='${s}'`,
  (n, s) => `${n.toLowerCase().replace(/_/g, '.')}=${s}`,
  (n, s) => `:${n.toLowerCase()} => "${s}",`,
  (n, s) => `$${camel(n)} = '${s}';`,
  (n, s) => `GET /api/v1/things?${n.toLowerCase()}=${s}&page=2 HTTP/1.1`,
  (n, s) => `level=error msg="auth failed" ${n.toLowerCase()}="${s}" code=401`,
  (n, s) => `{"level":"error","config":"{\\"${n}\\":\\"${s}\\"}"}`,
  (n, s) => `--${kebab(n)}=${s}`,
  (n, s) => `${camel(n)}: "${s}",`,
  (n, s) => `os.environ["${n}"] = "${s}"`,
  (n, s) => `System.setProperty("${n}", "${s}")`,
  (n, s) => `${n.toUpperCase()}?=${s}`,
];

/**
 * A second held-out set, written after the first held-out measurement (96.4 %: every miss was
 * `os.environ["X"] = …` or `setProperty("X", …)`, which were then supported) and before any further change,
 * so its figure is again one the rules were not tuned on.
 */
export const HELD_OUT_B_SHAPE_WRAPS: Array<(s: string) => string> = [
  (s) => `%22${s}%22`,
  (s) => `\\"${s}\\"`,
  (s) => `\t${s}\t`,
  (s) => `${s}...`,
  (s) => `#${s}`,
  (s) => `=${s}&`,
  (s) => `${s}\n`,
  (s) => `"${s}\\n"`,
];

export const HELD_OUT_B_ASSIGNMENTS: Array<(name: string, s: string) => string> = [
  (n, s) => `docker run -e ${n}=${s} app:latest`,
  (n, s) => `"args": ["serve", "--${kebab(n)}=${s}"]`,
  (n, s) => `set ${n}=${s}`,
  (n, s) => `<entry key="${n}">${s}</entry>`,
  (n, s) => `${n} => '${s}'`,
  (n, s) => `$env:${n} = "${s}"`,
  (n, s) => `{"name":"${n}","value":"${s}"}`,
  (n, s) => `${n} = ${s}  # set by ansible`,
  (n, s) => `--${kebab(n)} "${s}"`,
  (n, s) => `${n}:${s}`,
  (n, s) => `'${n}' => '${s}',`,
  (n, s) => `Server=db;User Id=sa;${n}=${s};Encrypt=true`,
  (n, s) => `curl -H "${n}: ${s}" https://api.example.net`,
  (n, s) => `let ${camel(n)} = "${s}";`,
];

/**
 * A third held-out set, written after set B's only measurement (87.5 %: URL-encoded quotes before a token,
 * `{"name": X, "value": Y}` pairs and `<entry key="X">Y</entry>` were missed, then supported) and before those
 * changes: the figure the report quotes.
 */
export const HELD_OUT_C_SHAPE_WRAPS: Array<(s: string) => string> = [
  (s) => `VALUES ('${s}', now())`,
  (s) => `\\u0022${s}\\u0022`,
  (s) => `<td>${s}</td>`,
  (s) => `&quot;${s}&quot;`,
  (s) => `b'\\x22${s}\\x22'`,
  (s) => `${s}\r`,
  (s) => `${s}/v1/models`,
  (s) => `ENV=${s}`,
];

export const HELD_OUT_C_ASSIGNMENTS: Array<(name: string, s: string) => string> = [
  (n, s) => `"${n}" : '${s}'`,
  (n, s) => `${n}: "${s}" # rotated monthly`,
  (n, s) => `<${camel(n)} value="${s}"/>`,
  (n, s) => `java -D${n.toLowerCase().replace(/_/g, '.')}=${s} -jar app.jar`,
  (n, s) => `${n}\t=\t${s}`,
  (n, s) => `${n}: !!str ${s}`,
  (n, s) => `environment = {PATH=/usr/bin, ${n}=${s}, LANG=C}`,
  (n, s) => `https://api.example.net/login?user=bob&${n.toLowerCase()}=${s}`,
  (n, s) => `{"Key": "${n}", "Value": "${s}"}`,
  (n, s) => `[${n}]=${s}`,
  (n, s) => `${n}='${s}' ./deploy.sh`,
  (n, s) => `INFO config loaded: ${n.toLowerCase()}=${s[0]}${s.slice(1)}`,
];

/**
 * A fourth held-out set, written after set C's only measurement (91.9 %: `[NAME]=`, YAML tags, `<name value=…/>`
 * and `-Dname=` were missed, then supported) and before those changes.
 */
export const HELD_OUT_D_SHAPE_WRAPS: Array<(s: string) => string> = [
  (s) => `"id": 17, "t": "${s}"`,
  (s) => `${s}:`,
  (s) => `*${s}*`,
  (s) => `${s}"}`,
  (s) => `(user ${s})`,
  (s) => `'${s}'::text`,
];

export const HELD_OUT_D_ASSIGNMENTS: Array<(name: string, s: string) => string> = [
  (n, s) => `${camel(n)}=${s}`,
  (n, s) => `${n}="${s}" \\`,
  (n, s) => `env ${n}=${s} node server.js`,
  (n, s) => `${n} is set to ${s}`,
  (n, s) => `'${n}': "${s}"`,
  (n, s) => `"${n}":["${s}"]`,
  (n, s) => `${n}: |\n  ${s}`,
  (n, s) => `helm upgrade app ./chart --set ${n.toLowerCase()}=${s}`,
  (n, s) => `${n} := ${s}`,
  (n, s) => `${n.toLowerCase()}=${encodeURIComponent(s)}`,
];

/**
 * A fifth held-out set, written after set D's only measurement (91.1 %: prose `X is set to Y`, YAML block
 * scalars `X: |`, JSON array values `"X":["Y"]` and URL-encoded values were missed, then supported) and before
 * those changes. Whole lines in the style of real programs' logs.
 */
export const HELD_OUT_E_SHAPE_WRAPS: Array<(s: string) => string> = [
  (s) => `sending Bearer ${s} upstream`,
  (s) => `ID:${s}`,
  (s) => `${s}\u2028next`,
  (s) => `«${s}»`,
  (s) => `‘${s}’`,
  (s) => `${s}==`,
];

export const HELD_OUT_E_ASSIGNMENTS: Array<(name: string, s: string) => string> = [
  (n, s) => `sudo[1234]: ops : TTY=pts/0 ; PWD=/srv ; USER=root ; COMMAND=/usr/bin/env ${n}=${s} ./backup.sh`,
  (n, s) => `time="2026-11-23T10:01:02Z" level=info msg="starting" args="[--${kebab(n)} ${s}]"`,
  (n, s) => `Error: invalid ${n.toLowerCase()} '${s}' provided`,
  (n, s) => `DEBUG urllib3 https://api.example.net:443 "POST /v1/x?${n.toLowerCase()}=${s} HTTP/1.1" 401 12`,
  (n, s) => `{"ts":"2026-11-23T10:01:02Z","caller":"main.go:42","msg":"config","${camel(n)}":"${s}"}`,
  (n, s) => `${n}=${s} python3 manage.py runserver`,
  (n, s) => `[config] ${n.toLowerCase()} = ${s}`,
  (n, s) => `Setting ${n} to "${s}"`,
  (n, s) => `kubectl create secret generic app --from-literal=${n.toLowerCase()}=${s}`,
  (n, s) => `ENV ${n} ${s}`,
  (n, s) => `"${n}" = "${s}"`,
];
