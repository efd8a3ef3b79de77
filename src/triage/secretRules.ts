// The secret shapes redaction looks for: every rule family of gitleaks' default configuration
// (`cmd/generate/config/rules/*.go`, generated into `config/gitleaks.toml`), rewritten for JavaScript regular
// expressions (no inline `(?i)`, no `\z`), plus shapes gitleaks lacks that this stack's logs carry.
// Facts (prefixes, alphabets, lengths) come from those rules; lengths are widened a little where a provider's
// format is documented as variable, so a longer or shorter real token is still caught.

/** A secret recognised by its own shape anywhere in a line; the whole match is the secret. */
export interface TokenRule {
  id: string;
  /** Regex source without capture groups; boundaries are added by the engine. */
  pattern: string;
  /**
   * For a pattern that starts with a character class (no literal prefix to dispatch on): a cheap check at the
   * candidate start `i`, so the regex runs only where the shape can match.
   */
  at?: (text: string, i: number) => boolean;
}

/** `|` or the `%` of its URL encoding, after a Facebook app id. */
const isBar = (c: number) => c === 124 || c === 37;

const B62 = 'A-Za-z0-9';
const HEX = '0-9a-fA-F';
const LHEX = '0-9a-f';
const UPPER_AN = 'A-Z0-9';
const B64 = 'A-Za-z0-9+/';
const URLSAFE = 'A-Za-z0-9_\\-';

/** Prefixed tokens: a provider prefix followed by its alphabet. Order matters only for counting (first wins). */
export const TOKEN_RULES: TokenRule[] = [
  // 1Password
  { id: '1password-secret-key', pattern: `A3-[${UPPER_AN}]{6}-(?:[${UPPER_AN}]{11}|[${UPPER_AN}]{6}-[${UPPER_AN}]{5})-[${UPPER_AN}]{5}-[${UPPER_AN}]{5}-[${UPPER_AN}]{5}` },
  { id: '1password-service-account-token', pattern: `ops_eyJ[${B64}]{100,}={0,3}` },
  { id: 'adobe-client-secret', pattern: `p8e-[${B62}]{32}` },
  { id: 'age-secret-key', pattern: 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}' },
  { id: 'airtable-personal-access-token', pattern: `pat[${B62}]{14}\\.[${LHEX}]{64}` },
  { id: 'alibaba-access-key-id', pattern: `LTAI[${B62}]{20}` },
  // Anthropic before OpenAI's looser sk- shape.
  { id: 'anthropic-api-key', pattern: `sk-ant-(?:api|admin|sid|oat|ort)\\d\\d-[${URLSAFE}]{20,}` },
  { id: 'artifactory-api-key', pattern: `AKCp[${B62}]{60,80}` },
  { id: 'artifactory-reference-token', pattern: `cmVmd[${B62}]{50,70}` },
  { id: 'atlassian-api-token', pattern: `ATATT3[${URLSAFE}=]{150,}` },
  { id: 'authress-access-key', pattern: `(?:sc|ext|scauth|authress)_[${B62}]{5,30}\\.[${B62}]{4,6}\\.acc[_-][${B62}-]{10,32}\\.[${B62}+/_=-]{30,120}` },
  { id: 'aws-access-key', pattern: '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16}' },
  { id: 'aws-bedrock-api-key', pattern: `(?:ABSK[${B64}]{100,300}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[${B64}=%]*)` },
  { id: 'azure-ad-client-secret', pattern: '[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}', at: (t, i) => t.charCodeAt(i + 4) === 81 && t.charCodeAt(i + 5) === 126 },
  { id: 'clickhouse-cloud-api-secret', pattern: `4b1d[${B62}]{38}` },
  { id: 'clojars-api-token', pattern: `CLOJARS_[${B62}]{60}` },
  { id: 'cloudflare-origin-ca-key', pattern: `v1\\.0-[${LHEX}]{24}-[${LHEX}]{146}` },
  { id: 'databricks-api-token', pattern: `dapi[${LHEX}]{32}(?:-\\d)?` },
  { id: 'digitalocean-token', pattern: `do[opr]_v1_[${HEX}]{64}` },
  { id: 'doppler-api-token', pattern: `dp\\.(?:pt|st|sa|ct|scim|audit)\\.[${B62}]{40,44}` },
  { id: 'dropbox-short-lived-token', pattern: `sl\\.[${B62}=_-]{130,}` },
  { id: 'duffel-api-token', pattern: `duffel_(?:test|live)_[${URLSAFE}=]{43}` },
  { id: 'dynatrace-api-token', pattern: `dt0c01\\.[${B62}]{24}\\.[${B62}]{64}` },
  { id: 'easypost-api-token', pattern: `EZ[AT]K[${B62}]{54}` },
  { id: 'facebook-page-access-token', pattern: `EAA[MC][${B62}]{100,}` },
  { id: 'facebook-access-token', pattern: `\\d{15,16}(?:\\||%7[Cc])[${URLSAFE}]{27,40}`, at: (t, i) => isBar(t.charCodeAt(i + 15)) || isBar(t.charCodeAt(i + 16)) },
  { id: 'flutterwave-key', pattern: `FLW(?:SECK|PUBK)_TEST-[${HEX}]{12,32}(?:-X)?` },
  { id: 'flyio-access-token', pattern: `(?:fo1_[${URLSAFE}]{43}|fm[12][ar]?_[${B64}]{100,}={0,3})` },
  { id: 'frameio-api-token', pattern: `fio-u-[${URLSAFE}=]{64}` },
  { id: 'gcp-api-key', pattern: `AIza[${URLSAFE}]{35}` },
  { id: 'github-token', pattern: `(?:gh[pousr]_[${B62}]{36,255}|github_pat_[${B62}_]{82})` },
  {
    id: 'gitlab-token',
    pattern: `(?:glpat-[${URLSAFE}.]{20,300}|glrt-[${URLSAFE}.]{20,300}|gl(?:dt|ffct|ft|soat|oas|imt|agent|ptt|cbt)-[${URLSAFE}.]{20,300}|GR1348941[${URLSAFE}]{20,})`,
  },
  { id: 'gitlab-session-cookie', pattern: `_gitlab_session=[${LHEX}]{32}` },
  { id: 'grafana-api-key', pattern: `eyJrIjoi[${B62}]{50,400}={0,3}` },
  { id: 'grafana-cloud-token', pattern: `glc_[${B64}]{32,400}={0,3}` },
  { id: 'grafana-service-account-token', pattern: `glsa_[${B62}]{32}_[${HEX}]{8}` },
  { id: 'harness-api-key', pattern: `(?:pat|sat)\\.[${URLSAFE}]{22}\\.[${B62}]{24}\\.[${B62}]{20}` },
  { id: 'hashicorp-tf-api-token', pattern: `[${B62}]{14}\\.atlasv1\\.[${URLSAFE}=]{60,70}`, at: (t, i) => t.startsWith('.atlasv1.', i + 14) },
  { id: 'heroku-api-key-v2', pattern: `HRKU-AA[${URLSAFE}]{58}` },
  { id: 'huggingface-token', pattern: `(?:hf_|api_org_)[${B62}]{30,40}` },
  { id: 'infracost-api-token', pattern: `ico-[${B62}]{32}` },
  { id: 'intra42-client-secret', pattern: `s-s4t2(?:ud|af)-[${HEX}]{64}` },
  { id: 'jwt', pattern: `ey[${URLSAFE}]{10,}\\.ey[${URLSAFE}/\\\\]{10,}\\.(?:[${URLSAFE}/\\\\]{8,}={0,2})?` },
  { id: 'jwt-base64', pattern: `ZXlK[${B64}_\\\\-]{60,}={0,2}` },
  { id: 'linear-api-key', pattern: `lin_(?:api|oauth)_[${B62}]{40}` },
  { id: 'mailchimp-api-key', pattern: `[${LHEX}]{32}-us\\d{1,2}`, at: (t, i) => t.startsWith('-us', i + 32) },
  { id: 'mailgun-key', pattern: `(?:key|pubkey)-[${LHEX}]{32}` },
  { id: 'maxmind-license-key', pattern: `[${B62}]{6}_[${B62}]{29}_mmk`, at: (t, i) => t.startsWith('_mmk', i + 36) },
  {
    id: 'microsoft-teams-webhook',
    pattern: `https://[a-z0-9]+\\.webhook\\.office\\.com/webhookb2/[${HEX}-]{36}@[${HEX}-]{36}/IncomingWebhook/[${B62}]{32}/[${HEX}-]{36}`,
  },
  { id: 'new-relic-key', pattern: `NR(?:JS|II|AK|AA)-[${B62}-]{19,32}` },
  { id: 'notion-api-token', pattern: `(?:ntn_\\d{11}[${B62}]{35}|secret_[${B62}]{43})` },
  { id: 'npm-access-token', pattern: `npm_[${B62}]{36}` },
  { id: 'octopus-deploy-api-key', pattern: 'API-[A-Z0-9]{26}' },
  {
    id: 'openai-api-key',
    pattern: `(?:sk-(?:proj|svcacct|admin|None)-[${URLSAFE}]{20,}|sk-[${B62}]{20}T3BlbkFJ[${B62}]{20}|sk-[${B62}]{32,64})`,
  },
  { id: 'openshift-user-token', pattern: `sha256~[${URLSAFE}]{43}` },
  { id: 'perplexity-api-key', pattern: `pplx-[${B62}]{40,56}` },
  { id: 'planetscale-token', pattern: `pscale_(?:tkn|oauth|pw)_[${B62}_=.-]{32,64}` },
  { id: 'postman-api-token', pattern: `PMAK-[${HEX}]{24}-[${HEX}]{34}` },
  { id: 'prefect-api-token', pattern: `pnu_[${B62}]{36}` },
  { id: 'pulumi-api-token', pattern: `pul-[${LHEX}]{40}` },
  { id: 'pypi-upload-token', pattern: `pypi-AgE[${URLSAFE}]{50,1000}` },
  { id: 'readme-api-token', pattern: `rdme_[${B62}]{70}` },
  { id: 'rubygems-api-token', pattern: `rubygems_[${LHEX}]{48}` },
  { id: 'scalingo-api-token', pattern: `tk-us-[${URLSAFE}]{48}` },
  { id: 'sendgrid-api-token', pattern: `SG\\.[${URLSAFE}]{20,24}\\.[${URLSAFE}]{39,50}` },
  { id: 'sendinblue-api-token', pattern: `xkeysib-[${LHEX}]{64}-[${B62}]{16}` },
  { id: 'sentry-token', pattern: `(?:sntrys_eyJ[${B64}]{40,}={0,2}_[${B64}]{43}|sntry[ua]_[${LHEX}]{64})` },
  { id: 'settlemint-token', pattern: `sm_(?:aat|pat|sat)_[${B62}]{16}` },
  { id: 'shippo-api-token', pattern: `shippo_(?:live|test)_[${HEX}]{40}` },
  { id: 'shopify-token', pattern: `shp(?:at|ca|pa|ss)_[${HEX}]{32}` },
  { id: 'sidekiq-sensitive-url', pattern: `https?://[${LHEX}]{8}:[${LHEX}]{8}@(?:gems|enterprise)\\.contribsys\\.com` },
  { id: 'slack-token', pattern: `(?:xox[abeoprs]-[${B62}-]{8,}|xoxe\\.xox[bp]-\\d-[${B62}]{100,}|xapp-\\d-[${B62}]+-\\d+-[${B62}]+)` },
  { id: 'slack-webhook-url', pattern: `(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[${B64}]{20,}(?:/[${B64}]+)*` },
  { id: 'sourcegraph-access-token', pattern: `sgp_(?:[${HEX}]{16}_|local_)?[${HEX}]{40}` },
  { id: 'square-access-token', pattern: `(?:EAAA[${URLSAFE}]{22,60}|sq0(?:atp|csp|idp)-[${URLSAFE}]{22,60})` },
  { id: 'stripe-access-token', pattern: `(?:sk|rk|pk|whsec)_(?:test|live|prod)_[${B62}]{10,99}|whsec_[${B62}]{24,}` },
  { id: 'twilio-api-key', pattern: `SK[${HEX}]{32}` },
  { id: 'twitter-bearer-token', pattern: `${'A'.repeat(22)}[${B62}%]{80,100}` },
  { id: 'typeform-api-token', pattern: `tfp_[${URLSAFE}.=]{59}` },
  { id: 'vault-token', pattern: `(?:hv[sbr]\\.[${URLSAFE}]{24,300}|s\\.[${B62}]{24})` },
  { id: 'yandex-token', pattern: `(?:t1\\.[${URLSAFE}]+={0,2}\\.[${URLSAFE}]{86}={0,2}|AQVN[${URLSAFE}]{35,38}|YC[${URLSAFE}]{38})` },
  { id: 'anthropic-or-openai-style-key', pattern: `sk-[${URLSAFE}]{40,}` },
  // Lightning (LND) macaroons: version 2, first field the location "lnd", in hex or base64.
  { id: 'lnd-macaroon', pattern: `(?:0201036c6e64[${HEX}]{20,}|AgEDbG5k[${B64}_-]{20,}={0,2})` },
];

/**
 * Identifiers of gitleaks' semi-generic rules: a secret assigned to a name containing one of these (e.g.
 * `TWITTER_API_SECRET=…`, `"mapbox": "…"`). Each stands for the rule family of that provider.
 */
export const PROVIDER_KEYWORDS = [
  'adafruit', 'adobe', 'airtable', 'algolia', 'alibaba', 'asana', 'atlassian', 'confluence', 'jira', 'beamer', 'bitbucket',
  'bittrex', 'meraki', 'cloudflare', 'codecov', 'cohere', 'co_api_key', 'coinbase', 'confluent', 'contentful', 'datadog',
  'dnkey', 'discord', 'droneci', 'dropbox', 'etsy', 'facebook', 'fastly', 'finicity', 'finnhub', 'flickr', 'freshbooks',
  'gitter', 'gocardless', 'heroku', 'hubspot', 'intercom', 'jfrog', 'artifactory', 'bintray', 'xray', 'kraken', 'kucoin',
  'launchdarkly', 'linear', 'linkedin', 'linked_in', 'linked-in', 'lob', 'looker', 'mailchimp', 'mailgun', 'mapbox',
  'mattermost', 'messagebird', 'message_bird', 'netlify', 'newrelic', 'new_relic', 'new-relic', 'nytimes', 'okta', 'plaid',
  'privateai', 'private_ai', 'rapidapi', 'sendbird', 'sentry', 'snyk', 'sonar', 'squarespace', 'sumo', 'telegr', 'travis',
  'twitch', 'twitter', 'typeform', 'yandex', 'zendesk', 'nuget', 'sidekiq', 'contribsys', 'freemius', 'settlemint',
  'openai', 'anthropic', 'huggingface', 'grafana', 'github', 'gitlab', 'slack', 'stripe', 'twilio', 'sendgrid', 'vault',
  'digitalocean', 'npm', 'pypi', 'docker', 'aws', 'azure', 'gcp', 'vllm', 'lnd', 'lightning', 'alby', 'nostr',
  'sourcegraph', 'oauth', 'sumologic', 'pulumi', 'doppler', 'planetscale', 'postman', 'prefect', 'databricks',
  'dynatrace', 'easypost', 'flutterwave', 'frameio', 'shopify', 'shippo', 'square', 'scalingo', 'rubygems',
  'sendinblue', 'brevo', 'infracost', 'harness', 'clickhouse', 'clojars', 'duffel', 'authress', 'perplexity',
  'cohere', 'mistral', 'groq', 'deepseek', 'openrouter', 'cerebras', 'fireworks',
];
