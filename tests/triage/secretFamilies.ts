// Generators of secrets in the format of each family gitleaks' default configuration knows (prefix, alphabet and
// length, as its rules describe them), plus the shapes this stack's own logs leak. Fabricated: none is real.
// Used by the property test (planted anywhere in a line) and by the held-out recall test (unseen contexts).

export type Rand = () => number;

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
export function prng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_AN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER_AN = 'abcdefghijklmnopqrstuvwxyz0123456789';
const LHEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}_-`;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function chars(r: Rand, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    s += alphabet[Math.floor(r() * alphabet.length)];
  }
  // A random draw can miss a digit or a letter; real keys of these lengths practically never do.
  if (n >= 12 && /[0-9]/.test(alphabet) && !/[0-9]/.test(s)) {
    s = s.slice(0, -1) + '7';
  }
  return s;
}
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
const b64url = (s: string) =>
  Buffer.from(s).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

export interface SecretFamily {
  /** Family name (gitleaks rule id where there is one). */
  id: string;
  generate: (r: Rand) => string;
  /**
   * `shape`: recognisable on its own anywhere in a line; `keyword`: a secret only in an assignment to a name of this
   * family (gitleaks' semi-generic rules); the string is the name to use.
   */
  context: 'shape' | { keyword: string };
  /** The part of a generated string that is secret, when not all of it is (a URL around credentials). */
  secretOf?: (generated: string) => string;
}

const shape = (id: string, generate: (r: Rand) => string): SecretFamily => ({ id, generate, context: 'shape' });
const keyword = (id: string, name: string, generate: (r: Rand) => string): SecretFamily => ({
  id,
  generate,
  context: { keyword: name },
});

const jwt = (r: Rand) =>
  `${b64url(JSON.stringify({ alg: pick(r, ['HS256', 'RS256', 'ES256']), typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: chars(r, LOWER_AN, 10), iat: int(r, 1.6e9, 1.8e9) }))}.${chars(r, URLSAFE, 43)}`;

export const SECRET_FAMILIES: SecretFamily[] = [
  shape(
    '1password-secret-key',
    (r) =>
      `A3-${chars(r, UPPER_AN, 6)}-${chars(r, UPPER_AN, 11)}-${chars(r, UPPER_AN, 5)}-${chars(r, UPPER_AN, 5)}-${chars(r, UPPER_AN, 5)}`
  ),
  shape('1password-service-account-token', (r) => `ops_eyJ${chars(r, B64, int(r, 250, 400))}`),
  shape('adobe-client-secret', (r) => `p8e-${chars(r, ALNUM, 32)}`),
  shape('age-secret-key', (r) => `AGE-SECRET-KEY-1${chars(r, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`),
  shape('airtable-personal-access-token', (r) => `pat${chars(r, ALNUM, 14)}.${chars(r, LHEX, 64)}`),
  shape('alibaba-access-key-id', (r) => `LTAI${chars(r, ALNUM, 20)}`),
  shape('anthropic-api-key', (r) => `sk-ant-api03-${chars(r, URLSAFE, 93)}AA`),
  shape('anthropic-admin-api-key', (r) => `sk-ant-admin01-${chars(r, URLSAFE, 93)}AA`),
  shape('artifactory-api-key', (r) => `AKCp${chars(r, ALNUM, 69)}`),
  shape('artifactory-reference-token', (r) => `cmVmd${chars(r, ALNUM, 59)}`),
  shape('atlassian-api-token', (r) => `ATATT3${chars(r, URLSAFE, 186)}`),
  shape(
    'authress-access-key',
    (r) => `sc_${chars(r, LOWER_AN, 12)}.${chars(r, LOWER_AN, 5)}.acc_${chars(r, LOWER_AN, 20)}.${chars(r, B64, 60)}`
  ),
  shape('aws-access-token', (r) => `${pick(r, ['AKIA', 'ASIA', 'ABIA', 'ACCA'])}${chars(r, BASE32, 16)}`),
  shape('aws-bedrock-api-key', (r) => `ABSK${chars(r, B64, int(r, 109, 200))}`),
  shape('azure-ad-client-secret', (r) => `${chars(r, ALNUM, 3)}${int(r, 0, 9)}Q~${chars(r, `${ALNUM}_~.-`, 34)}`),
  shape('clickhouse-cloud-api-secret-key', (r) => `4b1d${chars(r, ALNUM, 38)}`),
  shape('clojars-api-token', (r) => `CLOJARS_${chars(r, LOWER_AN, 60)}`),
  shape('cloudflare-origin-ca-key', (r) => `v1.0-${chars(r, LHEX, 24)}-${chars(r, LHEX, 146)}`),
  shape('databricks-api-token', (r) => `dapi${chars(r, LHEX, 32)}`),
  shape('digitalocean-pat', (r) => `${pick(r, ['dop', 'doo', 'dor'])}_v1_${chars(r, LHEX, 64)}`),
  shape('doppler-api-token', (r) => `dp.pt.${chars(r, ALNUM, 43)}`),
  shape('duffel-api-token', (r) => `duffel_${pick(r, ['test', 'live'])}_${chars(r, URLSAFE, 43)}`),
  shape('dynatrace-api-token', (r) => `dt0c01.${chars(r, UPPER_AN, 24)}.${chars(r, UPPER_AN, 64)}`),
  shape('easypost-api-token', (r) => `EZ${pick(r, ['A', 'T'])}K${chars(r, ALNUM, 54)}`),
  shape('facebook-page-access-token', (r) => `EAA${pick(r, ['M', 'C'])}${chars(r, ALNUM, int(r, 100, 180))}`),
  shape('facebook-access-token', (r) => `${chars(r, '0123456789', 15)}|${chars(r, URLSAFE, 32)}`),
  shape('flutterwave-secret-key', (r) => `FLWSECK_TEST-${chars(r, LHEX, 32)}-X`),
  shape('flyio-access-token', (r) => `fo1_${chars(r, URLSAFE, 43)}`),
  shape('frameio-api-token', (r) => `fio-u-${chars(r, URLSAFE, 64)}`),
  shape('gcp-api-key', (r) => `AIza${chars(r, URLSAFE, 35)}`),
  shape('github-pat', (r) => `${pick(r, ['ghp', 'gho', 'ghu', 'ghs', 'ghr'])}_${chars(r, ALNUM, 36)}`),
  shape('github-fine-grained-pat', (r) => `github_pat_${chars(r, `${ALNUM}_`, 82)}`),
  shape('gitlab-pat', (r) => `glpat-${chars(r, URLSAFE, 20)}`),
  shape('gitlab-runner-authentication-token', (r) => `glrt-${chars(r, URLSAFE, 20)}`),
  shape('gitlab-deploy-token', (r) => `${pick(r, ['gldt', 'glft', 'glsoat', 'glffct'])}-${chars(r, URLSAFE, 20)}`),
  shape('gitlab-rrt', (r) => `GR1348941${chars(r, URLSAFE, 20)}`),
  shape('gitlab-ptt', (r) => `glptt-${chars(r, LHEX, 40)}`),
  shape('grafana-api-key', (r) => `eyJrIjoi${chars(r, ALNUM, int(r, 70, 100))}`),
  shape('grafana-cloud-api-token', (r) => `glc_${chars(r, B64, int(r, 32, 120))}`),
  shape('grafana-service-account-token', (r) => `glsa_${chars(r, ALNUM, 32)}_${chars(r, LHEX, 8)}`),
  shape(
    'harness-api-key',
    (r) => `${pick(r, ['pat', 'sat'])}.${chars(r, URLSAFE, 22)}.${chars(r, ALNUM, 24)}.${chars(r, ALNUM, 20)}`
  ),
  shape('hashicorp-tf-api-token', (r) => `${chars(r, LOWER_AN, 14)}.atlasv1.${chars(r, URLSAFE, 67)}`),
  shape('heroku-api-key-v2', (r) => `HRKU-AA${chars(r, URLSAFE, 58)}`),
  shape(
    'huggingface-access-token',
    (r) => `hf_${chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`
  ),
  shape(
    'huggingface-organization-api-token',
    (r) => `api_org_${chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`
  ),
  shape('infracost-api-token', (r) => `ico-${chars(r, ALNUM, 32)}`),
  shape('intra42-client-secret', (r) => `s-s4t2${pick(r, ['ud', 'af'])}-${chars(r, LHEX, 64)}`),
  shape('jwt', jwt),
  shape('linear-api-key', (r) => `lin_api_${chars(r, ALNUM, 40)}`),
  shape('mailchimp-api-key', (r) => `${chars(r, LHEX, 32)}-us${int(r, 1, 21)}`),
  shape('maxmind-license-key', (r) => `${chars(r, ALNUM, 6)}_${chars(r, ALNUM, 29)}_mmk`),
  shape('microsoft-teams-webhook', (r) => {
    const g = () =>
      `${chars(r, LHEX, 8)}-${chars(r, LHEX, 4)}-${chars(r, LHEX, 4)}-${chars(r, LHEX, 4)}-${chars(r, LHEX, 12)}`;
    return `https://${chars(r, 'abcdefghijklmnopqrstuvwxyz', 8)}.webhook.office.com/webhookb2/${g()}@${g()}/IncomingWebhook/${chars(r, LHEX, 32)}/${g()}`;
  }),
  shape('new-relic-user-api-key', (r) => `NRAK-${chars(r, UPPER_AN, 27)}`),
  shape('notion-api-token', (r) => `ntn_${chars(r, '0123456789', 11)}${chars(r, ALNUM, 35)}`),
  shape('npm-access-token', (r) => `npm_${chars(r, ALNUM, 36)}`),
  shape('octopus-deploy-api-key', (r) => `API-${chars(r, UPPER_AN, 26)}`),
  shape(
    'openai-api-key',
    (r) => `sk-${pick(r, ['proj', 'svcacct', 'admin'])}-${chars(r, URLSAFE, 58)}T3BlbkFJ${chars(r, URLSAFE, 58)}`
  ),
  shape('openai-legacy-api-key', (r) => `sk-${chars(r, ALNUM, 20)}T3BlbkFJ${chars(r, ALNUM, 20)}`),
  shape('openshift-user-token', (r) => `sha256~${chars(r, URLSAFE, 43)}`),
  shape('perplexity-api-key', (r) => `pplx-${chars(r, ALNUM, 48)}`),
  shape(
    'planetscale-password',
    (r) => `pscale_${pick(r, ['tkn', 'pw', 'oauth'])}_${chars(r, URLSAFE, int(r, 32, 64))}`
  ),
  shape('postman-api-token', (r) => `PMAK-${chars(r, LHEX, 24)}-${chars(r, LHEX, 34)}`),
  shape('prefect-api-token', (r) => `pnu_${chars(r, ALNUM, 36)}`),
  shape('pulumi-api-token', (r) => `pul-${chars(r, LHEX, 40)}`),
  shape('pypi-upload-token', (r) => `pypi-AgEIcHlwaS5vcmc${chars(r, URLSAFE, int(r, 50, 150))}`),
  shape('readme-api-token', (r) => `rdme_${chars(r, LOWER_AN, 70)}`),
  shape('rubygems-api-token', (r) => `rubygems_${chars(r, LHEX, 48)}`),
  shape('scalingo-api-token', (r) => `tk-us-${chars(r, URLSAFE, 48)}`),
  shape('sendgrid-api-token', (r) => `SG.${chars(r, URLSAFE, 22)}.${chars(r, URLSAFE, 43)}`),
  shape('sendinblue-api-token', (r) => `xkeysib-${chars(r, LHEX, 64)}-${chars(r, ALNUM, 16)}`),
  shape('sentry-user-token', (r) => `sntryu_${chars(r, LHEX, 64)}`),
  shape('settlemint-personal-access-token', (r) => `sm_${pick(r, ['pat', 'aat', 'sat'])}_${chars(r, ALNUM, 16)}`),
  shape('shippo-api-token', (r) => `shippo_${pick(r, ['live', 'test'])}_${chars(r, LHEX, 40)}`),
  shape('shopify-access-token', (r) => `${pick(r, ['shpat', 'shpca', 'shppa', 'shpss'])}_${chars(r, LHEX, 32)}`),
  {
    ...shape('sidekiq-sensitive-url', (r) => `https://${chars(r, LHEX, 8)}:${chars(r, LHEX, 8)}@gems.contribsys.com/`),
    secretOf: (s) => s.slice(8, 25),
  },
  shape(
    'slack-bot-token',
    (r) => `xoxb-${chars(r, '0123456789', 12)}-${chars(r, '0123456789', 13)}-${chars(r, ALNUM, 24)}`
  ),
  shape(
    'slack-user-token',
    (r) =>
      `xoxp-${chars(r, '0123456789', 12)}-${chars(r, '0123456789', 12)}-${chars(r, '0123456789', 13)}-${chars(r, LHEX, 32)}`
  ),
  shape(
    'slack-app-token',
    (r) => `xapp-1-${chars(r, UPPER_AN, 11)}-${chars(r, '0123456789', 13)}-${chars(r, LHEX, 64)}`
  ),
  shape(
    'slack-webhook-url',
    (r) => `https://hooks.slack.com/services/T${chars(r, UPPER_AN, 8)}/B${chars(r, UPPER_AN, 8)}/${chars(r, ALNUM, 24)}`
  ),
  shape('sourcegraph-access-token', (r) => `sgp_${chars(r, LHEX, 16)}_${chars(r, LHEX, 40)}`),
  shape('square-access-token', (r) => `${pick(r, ['EAAA', 'sq0atp-'])}${chars(r, URLSAFE, 60)}`),
  shape(
    'stripe-access-token',
    (r) => `${pick(r, ['sk', 'rk'])}_${pick(r, ['test', 'live', 'prod'])}_${chars(r, ALNUM, int(r, 24, 99))}`
  ),
  shape('twilio-api-key', (r) => `SK${chars(r, LHEX, 32)}`),
  shape('twitter-bearer-token', (r) => `${'A'.repeat(22)}${chars(r, ALNUM, int(r, 80, 100))}`),
  shape('gitlab-session-cookie', (r) => `_gitlab_session=${chars(r, LHEX, 32)}`),
  shape('typeform-api-token', (r) => `tfp_${chars(r, URLSAFE, 59)}`),
  shape('vault-service-token', (r) => `hvs.${chars(r, URLSAFE, int(r, 90, 120))}`),
  shape('vault-batch-token', (r) => `hvb.${chars(r, URLSAFE, int(r, 138, 200))}`),
  shape('yandex-api-key', (r) => `AQVN${chars(r, URLSAFE, 38)}`),
  shape(
    'private-key',
    (r) =>
      `-----BEGIN ${pick(r, ['RSA ', 'EC ', 'OPENSSH ', ''])}PRIVATE KEY-----\n${chars(r, B64, 64)}\n${chars(r, B64, 40)}\n-----END PRIVATE KEY-----`
  ),
  shape('lnd-macaroon-hex', (r) => `0201036c6e64${chars(r, LHEX, int(r, 200, 400))}`),
  shape('lnd-macaroon-base64', (r) => `AgEDbG5k${chars(r, B64, int(r, 100, 300))}`),
  // gitleaks' semi-generic rules: a provider's name in the assignment, its own value format.
  keyword('adafruit-api-key', 'adafruit_key', (r) => chars(r, URLSAFE, 32)),
  keyword('algolia-api-key', 'algolia_key', (r) => chars(r, LOWER_AN, 32)),
  keyword('asana-client-secret', 'asana_secret', (r) => chars(r, LOWER_AN, 32)),
  keyword('bitbucket-client-id', 'bitbucket_client_id', (r) => chars(r, LOWER_AN, 32)),
  keyword('cloudflare-api-key', 'cloudflare', (r) => chars(r, URLSAFE, 40)),
  keyword('codecov-access-token', 'codecov', (r) => chars(r, LOWER_AN, 32)),
  keyword('datadog-access-token', 'datadog', (r) => chars(r, LOWER_AN, 40)),
  keyword('discord-api-token', 'discord', (r) => chars(r, LHEX, 64)),
  keyword('dropbox-api-token', 'dropbox', (r) => chars(r, LOWER_AN, 15)),
  keyword('fastly-api-token', 'fastly', (r) => chars(r, URLSAFE, 32)),
  keyword(
    'heroku-api-key',
    'heroku',
    (r) => `${chars(r, LHEX, 8)}-${chars(r, LHEX, 4)}-${chars(r, LHEX, 4)}-${chars(r, LHEX, 4)}-${chars(r, LHEX, 12)}`
  ),
  keyword('mailgun-private-api-token', 'mailgun', (r) => `key-${chars(r, LHEX, 32)}`),
  keyword('mapbox-api-token', 'mapbox', (r) => `pk.${chars(r, LOWER_AN, 60)}.${chars(r, LOWER_AN, 22)}`),
  keyword('sentry-access-token', 'sentry', (r) => chars(r, LHEX, 64)),
  keyword('telegram-bot-api-token', 'telegram_bot', (r) => `${chars(r, '0123456789', 10)}:A${chars(r, URLSAFE, 34)}`),
  keyword('twitter-api-secret', 'twitter', (r) => chars(r, LOWER_AN, 50)),
  keyword('zendesk-secret-key', 'zendesk', (r) => chars(r, LOWER_AN, 40)),
  keyword('okta-access-token', 'okta', (r) => `00${chars(r, URLSAFE, 40)}`),
  keyword('generic-api-key', 'client_secret', (r) => chars(r, ALNUM, int(r, 16, 48))),
  // What this stack's own logs leak (issue 12): plain passwords, operator keys, macaroons in headers.
  keyword(
    'env-password',
    'DB_PASSWORD',
    (r) => `${pick(r, ['hunter', 'Summer', 'admin', 'pa55'])}${int(r, 1, 9999)}${pick(r, ['!', '', '#', 'x'])}`
  ),
  keyword('env-pgpassword', 'PGPASSWORD', (r) => chars(r, ALNUM, int(r, 8, 20))),
  keyword('env-mysql-pwd', 'MYSQL_PWD', (r) => chars(r, ALNUM, int(r, 8, 20))),
  keyword(
    'vllm-api-key',
    'VLLM_API_KEY',
    (r) => `${pick(r, ['token-', 'sk-local-', 'vllm-'])}${chars(r, LOWER_AN, int(r, 8, 32))}`
  ),
  keyword('yaml-secret', 'secret', (r) => chars(r, ALNUM, int(r, 8, 32))),
  keyword('lnd-macaroon-header', 'Grpc-Metadata-macaroon', (r) => `0201036c6e64${chars(r, LHEX, 200)}`),
];
