/** Provider token formats, as their providers publish them. */
import { base62Crc32 } from '../scan/checksum.ts';
import { NAMES, type SecretKind, token } from './kinds.ts';
import { ALPHABETS, base64url, type Random } from './random.ts';

const T = NAMES.token;
const K = NAMES.apiKey;
const S = NAMES.secret;

/** GitHub / npm / Postern style: prefix, random base62, base62 CRC-32 of the random part. */
function checksummed(prefix: string, length: number): (r: Random) => string {
  return (r) => {
    const random = r.base62(length);
    return `${prefix}${random}${base62Crc32(random)}`;
  };
}

const vcs: SecretKind[] = [
  token('github-pat', ['GITHUB_TOKEN', 'github_token', ...T], checksummed('ghp_', 30)),
  token('github-oauth-token', ['GITHUB_TOKEN', ...T], checksummed('gho_', 30)),
  token('github-user-token', ['GH_TOKEN', ...T], checksummed('ghu_', 30)),
  token('github-app-token', ['GITHUB_APP_TOKEN', ...T], checksummed('ghs_', 30)),
  token('github-refresh-token', ['refresh_token'], checksummed('ghr_', 30)),
  token(
    'github-fine-grained-pat',
    ['GITHUB_PAT', ...T],
    (r) => `github_pat_11${r.chars(ALPHABETS.upperAlnum, 20)}_${r.base62(59)}`,
  ),
  token('gitlab-pat', ['GITLAB_TOKEN', 'PRIVATE-TOKEN', ...T], (r) => `glpat-${r.urlsafe(20)}`),
  token('gitlab-deploy-token', ['GITLAB_DEPLOY_TOKEN'], (r) => `gldt-${r.urlsafe(20)}`),
  token('gitlab-runner-token', ['RUNNER_TOKEN'], (r) => `glrt-${r.urlsafe(20)}`),
  token('gitlab-runner-registration-token', ['REGISTRATION_TOKEN'], (r) => `GR1348941${r.urlsafe(20)}`),
  token('gitlab-pipeline-trigger-token', ['TRIGGER_TOKEN'], (r) => `glptt-${r.hex(40)}`),
  token('gitlab-oauth-app-secret', S, (r) => `gloas-${r.hex(64)}`),
  token('gitlab-feed-token', ['feed_token'], (r) => `glft-${r.urlsafe(20)}`),
  token('gitlab-incoming-mail-token', ['incoming_email_token'], (r) => `glimt-${r.urlsafe(25)}`),
  token('gitlab-scim-token', ['scim_token'], (r) => `glsoat-${r.urlsafe(20)}`),
  token('gitlab-ci-job-token', ['CI_JOB_TOKEN'], (r) => `glcbt-${r.hex(2)}_${r.urlsafe(20)}`),
  token(
    'bitbucket-app-password',
    ['BITBUCKET_APP_PASSWORD', 'password'],
    (r) => `ATBB${r.base62(32)}${r.chars(ALPHABETS.upperHex, 8)}`,
  ),
  token(
    'atlassian-api-token',
    ['JIRA_API_TOKEN', ...T],
    (r) => `ATATT3xFfGF0${r.urlsafe(170)}=${r.chars(ALPHABETS.upperHex, 8)}`,
  ),
  token('sourcegraph-access-token', ['SRC_ACCESS_TOKEN'], (r) => `sgp_${r.hex(16)}_${r.hex(40)}`),
];

const cloud: SecretKind[] = [
  token(
    'aws-access-key-id',
    ['AWS_ACCESS_KEY_ID', 'accessKey', 'aws_access_key_id'],
    (r) => `${r.pick(['AKIA', 'ASIA'])}${r.chars(ALPHABETS.base32, 16)}`,
  ),
  token('google-api-key', ['GOOGLE_API_KEY', 'key', ...K], (r) => `AIza${r.urlsafe(35)}`),
  token('google-oauth-client-secret', ['GOOGLE_CLIENT_SECRET', ...S], (r) => `GOCSPX-${r.urlsafe(28)}`),
  token('google-oauth-access-token', T, (r) => `ya29.a0${r.urlsafe(150)}`),
  token(
    'google-oauth-refresh-token',
    ['refresh_token'],
    (r) => `1//0${r.chars(ALPHABETS.upperAlnum, 1)}${r.urlsafe(100)}`,
  ),
  token(
    'azure-ad-client-secret',
    ['AZURE_CLIENT_SECRET', ...S],
    (r) =>
      `${r.chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 3)}${r.int(10)}Q~${r.chars(`${ALPHABETS.base62}_~.-`, 34)}`,
  ),
  token('alibaba-access-key-id', ['ALIBABA_CLOUD_ACCESS_KEY_ID'], (r) => `LTAI${r.base62(20)}`),
  token('tencent-secret-id', ['TENCENTCLOUD_SECRET_ID'], (r) => `AKID${r.base62(32)}`),
  token('yandex-cloud-api-key', ['YC_API_KEY', ...K], (r) => `AQVN${r.urlsafe(36)}`),
  token('digitalocean-pat', ['DIGITALOCEAN_TOKEN', ...T], (r) => `dop_v1_${r.hex(64)}`),
  token('digitalocean-oauth-token', T, (r) => `doo_v1_${r.hex(64)}`),
  token('digitalocean-refresh-token', ['refresh_token'], (r) => `dor_v1_${r.hex(64)}`),
  token('heroku-api-key', ['HEROKU_API_KEY', ...K], (r) => `HRKU-${r.urlsafe(60)}`),
  token('flyio-token', ['FLY_API_TOKEN', ...T], (r) => `fo1_${r.urlsafe(43)}`),
  token('netlify-pat', ['NETLIFY_AUTH_TOKEN', ...T], (r) => `nfp_${r.base62(36)}`),
  token('render-api-key', ['RENDER_API_KEY', ...K], (r) => `rnd_${r.base62(32)}`),
  token('cloudflare-origin-ca-key', ['CF_ORIGIN_CA_KEY'], (r) => `v1.0-${r.hex(24)}-${r.hex(146)}`),
  token('supabase-access-token', ['SUPABASE_ACCESS_TOKEN', ...T], (r) => `sbp_${r.hex(40)}`),
  token('supabase-secret-key', ['SUPABASE_SECRET_KEY', ...K], (r) => `sb_secret_${r.urlsafe(31)}`),
  token('databricks-token', ['DATABRICKS_TOKEN', ...T], (r) => `dapi${r.hex(32)}`),
];

const infra: SecretKind[] = [
  token('vault-service-token', ['VAULT_TOKEN', 'X-Vault-Token'], (r) => `hvs.CAESI${r.urlsafe(86)}`),
  token('vault-batch-token', ['VAULT_TOKEN'], (r) => `hvb.AAAAAQ${r.urlsafe(150)}`),
  token(
    'terraform-cloud-token',
    ['TF_TOKEN_app_terraform_io', ...T],
    (r) => `${r.base62(14)}.atlasv1.${r.urlsafe(67)}`,
  ),
  token('pulumi-access-token', ['PULUMI_ACCESS_TOKEN'], (r) => `pul-${r.hex(40)}`),
  token(
    'doppler-token',
    ['DOPPLER_TOKEN'],
    (r) => `dp.${r.pick(['pt', 'st.prd', 'sa', 'ct'])}.${r.base62(43)}`,
  ),
  token(
    'onepassword-service-account-token',
    ['OP_SERVICE_ACCOUNT_TOKEN'],
    (r) =>
      `ops_${base64url(JSON.stringify({ signInAddress: 'my.1password.com', userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: r.urlsafe(22) }, email: `${r.chars(ALPHABETS.lower, 12)}@1passwordserviceaccounts.com`, srpX: r.hex(64), muk: { alg: 'A256GCM', ext: true, k: r.urlsafe(43), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' }, secretKey: `A3-${r.chars(ALPHABETS.upperAlnum, 6)}`, throttleSecret: { seed: r.hex(64), uuid: r.chars(ALPHABETS.upperAlnum, 26) }, deviceUuid: r.chars(ALPHABETS.lowerAlnum, 26) }))}`,
  ),
  token('onepassword-secret-key', ['OP_SECRET_KEY'], (r) =>
    ['A3', 6, 6, 5, 5, 5, 5]
      .map((n) => (typeof n === 'string' ? n : r.chars(ALPHABETS.upperAlnum, n)))
      .join('-'),
  ),
  token(
    'age-secret-key',
    ['SOPS_AGE_KEY'],
    (r) => `AGE-SECRET-KEY-1${r.chars(ALPHABETS.bech32, 58).toUpperCase()}`,
  ),
  token(
    'tailscale-key',
    ['TS_AUTHKEY'],
    (r) => `tskey-${r.pick(['auth', 'api', 'client'])}-k${r.base62(10)}CNTRL-${r.base62(32)}`,
  ),
  token('docker-hub-token', ['DOCKERHUB_TOKEN', 'password'], (r) => `dckr_pat_${r.urlsafe(27)}`),
  token('sonarqube-token', ['SONAR_TOKEN'], (r) => `${r.pick(['sqp', 'squ', 'sqa'])}_${r.hex(40)}`),
  token('circleci-pat', ['CIRCLE_TOKEN', 'Circle-Token'], (r) => `CCIPAT_${r.base62(22)}_${r.hex(40)}`),
  token('buildkite-token', ['BUILDKITE_API_TOKEN'], (r) => `bkua_${r.hex(40)}`),
  token(
    'octopus-deploy-api-key',
    ['X-Octopus-ApiKey', 'OCTOPUS_API_KEY'],
    (r) => `API-${r.chars(ALPHABETS.upperAlnum, 27)}`,
  ),
  token('launchdarkly-key', ['LD_SDK_KEY', ...K], (r) => `${r.pick(['api', 'sdk'])}-${r.uuid()}`),
  token(
    'harness-pat',
    ['HARNESS_API_KEY', 'x-api-key'],
    (r) => `pat.${r.urlsafe(22)}.${r.hex(24)}.${r.base62(20)}`,
  ),
  token('infracost-api-key', ['INFRACOST_API_KEY'], (r) => `ico-${r.base62(32)}`),
  token('prefect-api-key', ['PREFECT_API_KEY'], (r) => `pnu_${r.base62(36)}`),
  token('scalingo-api-token', ['SCALINGO_API_TOKEN'], (r) => `tk-us-${r.urlsafe(48)}`),
  token(
    'postman-api-key',
    ['X-Api-Key', 'POSTMAN_API_KEY', 'postman_api_key'],
    (r) => `PMAK-${r.hex(24)}-${r.hex(34)}`,
  ),
  token('postern-api-key', ['POSTERN_API_KEY', 'Authorization', ...K], checksummed('pstn_', 32)),
  token(
    'grafana-cloud-token',
    ['GRAFANA_CLOUD_TOKEN'],
    (r) =>
      `glc_${btoa(JSON.stringify({ o: r.digits(6), n: 'stack-logs', k: r.base62(24), m: { r: 'us' } }))}`,
  ),
  token('grafana-service-account-token', ['GRAFANA_TOKEN'], (r) => `glsa_${r.base62(32)}_${r.hex(8)}`),
  token('grafana-api-key', ['GRAFANA_API_KEY'], (r) =>
    btoa(
      JSON.stringify({ k: r.base62(32), n: `deploy-${r.chars(ALPHABETS.lower, 5)}`, id: r.between(1, 99) }),
    ),
  ),
  token(
    'sentry-org-token',
    ['SENTRY_AUTH_TOKEN'],
    (r) =>
      `sntrys_${btoa(JSON.stringify({ iat: 1_700_000_000 + r.int(10_000_000), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: r.chars(ALPHABETS.lower, 8) })).replace(/=+$/, '')}_${r.chars(`${ALPHABETS.base62}+/`, 43)}`,
  ),
  token('sentry-user-token', ['SENTRY_AUTH_TOKEN'], (r) => `sntryu_${r.hex(64)}`),
  token(
    'new-relic-user-api-key',
    ['NEW_RELIC_API_KEY', 'Api-Key'],
    (r) => `NRAK-${r.chars(ALPHABETS.upperAlnum, 27)}`,
  ),
  token('new-relic-insert-key', ['NEW_RELIC_INSERT_KEY', 'X-Insert-Key'], (r) => `NRII-${r.urlsafe(32)}`),
  token('new-relic-browser-key', ['NEW_RELIC_BROWSER_KEY'], (r) => `NRJS-${r.hex(19)}`),
  token(
    'dynatrace-token',
    ['DT_API_TOKEN'],
    (r) => `dt0c01.${r.chars(ALPHABETS.upperAlnum, 24)}.${r.chars(ALPHABETS.upperAlnum, 64)}`,
  ),
];

export const providerKindsA: readonly SecretKind[] = [...vcs, ...cloud, ...infra];
