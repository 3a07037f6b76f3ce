/**
 * The redaction contract's table: secret forms users paste (same shapes as real ones, made up
 * here) and the wrappers they arrive in. Every form in every wrapper must leave every output
 * surface redacted. Labelled forms carry the label real tools print; unlabelled ones must be
 * recognised by their shape alone.
 */

export interface SecretForm {
  name: string
  value: string
  /** The key the secret sits under, as tools print it; none: the wrapper uses a neutral key. */
  label?: string
}

export const SECRET_FORMS: SecretForm[] = [
  { name: 'AWS access key id', value: 'AKIAZ7QWERTYUIOPASDF' },
  { name: 'AWS temporary access key id', value: 'ASIAZ7QWERTYUIOPLKJH' },
  { name: 'AWS secret access key, labelled', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY', label: 'aws_secret_access_key' },
  { name: 'AWS secret access key, SDK field', value: 'Zx9/Qw8+Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm', label: 'SecretAccessKey' },
  { name: 'AWS secret access key, unlabelled', value: 'q8Rk2L/fZp0WmXc7Tn4Vb9Hs1Jd6Ge3Ya5Uo+IwE' },
  { name: 'AWS session token, SDK field', value: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJGMEQCIFakeTokenValue0123', label: 'SessionToken' },
  { name: 'AWS session token, env', value: 'FwoGZXIvYXdzEFakeSessionTokenValue0123456789abcdefABCDEF', label: 'AWS_SESSION_TOKEN' },
  { name: 'AWS security token header', value: 'IQoJb3JpZ2luX2VjEKr//////////wEaCXVzLXdlc3QtMiJHMEUCIQFake', label: 'X-Amz-Security-Token' },
  { name: 'AWS signature in a presigned URL', value: '9f2c8e1a7b3d4f5e6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f', label: 'X-Amz-Signature' },
  { name: 'Azure client secret, unlabelled', value: 'Xy78Q~AbCdEfGhIjKlMnOpQrStUvWxYz01234567' },
  { name: 'Azure client secret, labelled', value: 'not-the-new-format-secret-value-0123', label: 'client_secret' },
  { name: 'Azure client secret, env', value: 'another-client-secret-value-4567', label: 'AZURE_CLIENT_SECRET' },
  { name: 'Azure storage account key', value: 'bXlTdG9yYWdlQWNjb3VudEtleUZha2VGYWtlRmFrZUZha2VGYWtlRmFrZUZha2U=', label: 'AccountKey' },
  { name: 'Azure SAS signature', value: 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789%2BabcdE%3D', label: 'sig' },
  { name: 'Azure OpenAI api-key header', value: '0123456789abcdef0123456789abcdef', label: 'api-key' },
  { name: 'APIM subscription key', value: 'fedcba9876543210fedcba9876543210', label: 'Ocp-Apim-Subscription-Key' },
  { name: 'OpenAI project key', value: 'sk-proj-Abcdefghijklmnopqrstuvwx0123456789ABCDEFGHIJ' },
  { name: 'OpenAI admin key', value: 'sk-admin-Zyxwvutsrqponmlkjihgfedcba9876543210' },
  { name: 'OpenAI legacy key', value: 'sk-AbCdEfGhIjKlMnOpQrStT3BlbkFJuVwXyZ0123456789ab' },
  { name: 'JWT', value: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMDU5MDAxMzc1NzIxNzQ2NjAzNjUifQ.c2lnbmF0dXJlLWZha2U' },
  { name: 'Google OAuth access token', value: 'ya29.a0AfB_byCFakeAccessTokenValue0123456789abcdefghijklmnop' },
  { name: 'Google OAuth access token, labelled', value: 'opaque-access-token-value-0123456789', label: 'access_token' },
  { name: 'Google OAuth refresh token', value: '1//0gFakeRefreshTokenValue0123456789abcdefghijkl', label: 'refresh_token' },
  { name: 'Google API key', value: 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW' },
  { name: 'Google service-account private key', value: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCFakePrivateKeyBody', label: 'private_key' },
  { name: 'OAuth client assertion', value: 'opaque-client-assertion-value-0123456789', label: 'client_assertion' },
  { name: 'Bearer token', value: 'opaque.bearer-token_value~0123456789', label: 'Bearer' },
  { name: 'Authorization header', value: 'Basic dXNlcjpwYXNzd29yZGZha2U=', label: 'Authorization' },
  { name: 'x-api-key header', value: 'opaque-api-key-value-0123456789', label: 'x-api-key' },
  { name: 'password', value: 'hunter2-but-longer!', label: 'password' },
  { name: 'password in a URL', value: 'S3cr3tPassw0rd', label: 'url-password' },
  { name: 'GitHub token', value: 'ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789' },
  { name: 'GitHub fine-grained token', value: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV' },
  { name: 'GitLab token', value: 'glpat-AbCdEfGhIjKlMnOpQrSt' },
  { name: 'Slack bot token', value: 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx' },
  { name: 'npm token', value: 'npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789' },
  { name: 'Stripe secret key', value: 'sk_live_51AbCdEfGhIjKlMnOpQrStUvWx' },
  { name: 'generic api_key', value: 'opaque-generic-key-value-0123456789', label: 'api_key' },
]

export interface Wrapper {
  name: string
  render(form: SecretForm): string
}

/** How the form's own label is written, or a neutral key that redaction must not rely on. */
const keyOf = (f: SecretForm) => (f.label && f.label !== 'Bearer' && f.label !== 'url-password' ? f.label : 'value')
/** The secret with its prefix where tools print one (Bearer …). */
const shown = (f: SecretForm) => (f.label === 'Bearer' ? `Bearer ${f.value}` : f.value)
const pemOf = (f: SecretForm) => (f.label === 'private_key' ? `-----BEGIN PRIVATE KEY-----\n${f.value}\n-----END PRIVATE KEY-----\n` : undefined)

export const WRAPPERS: Wrapper[] = [
  {
    name: 'plain text',
    render: (f) =>
      f.label === 'url-password' ? `could not connect to postgres://app:${f.value}@db.internal:5432/keys` :
      pemOf(f) ?? (f.label && f.label !== 'Bearer' ? `Error: request failed with ${f.label}=${f.value} (AccessDeniedException)` : `Error: request with ${shown(f)} was denied (AccessDeniedException)`),
  },
  {
    name: 'JSON',
    render: (f) =>
      f.label === 'url-password' ? JSON.stringify({ error: 'connect failed', url: `mysql://root:${f.value}@10.0.0.5/db` }, null, 2) :
      JSON.stringify({ error: { code: 'AccessDeniedException', message: 'denied' }, [keyOf(f)]: pemOf(f) ?? shown(f) }, null, 2),
  },
  {
    name: 'escaped JSON in a log line',
    render: (f) => {
      const inner = f.label === 'url-password' ? JSON.stringify({ dsn: `postgres://svc:${f.value}@pg:5432/x` }) : JSON.stringify({ [keyOf(f)]: pemOf(f) ?? shown(f), code: 'AccessDeniedException' })
      return `{"level":"error","ts":1733300000.1,"msg":"request failed","body":${JSON.stringify(inner)}}`
    },
  },
  {
    name: 'multi-line log',
    render: (f) =>
      [
        '2026-12-04T10:00:00Z INFO  starting worker',
        f.label === 'url-password' ? `2026-12-04T10:00:01Z DEBUG connecting to amqp://guest:${f.value}@mq:5672/` :
        pemOf(f) ? `2026-12-04T10:00:01Z DEBUG loaded key file:\n${pemOf(f)}` :
        `2026-12-04T10:00:01Z DEBUG ${f.label && f.label !== 'Bearer' ? `${f.label}: ${f.value}` : `using ${shown(f)}`}`,
        '2026-12-04T10:00:02Z ERROR An error occurred (AccessDeniedException) when calling the Decrypt operation: denied',
      ].join('\n'),
  },
  {
    name: 'URL query',
    render: (f) =>
      f.label === 'url-password' ? `GET https://admin:${f.value}@internal.example/api/keys failed: 403` :
      `GET https://service.example/callback?${f.label && !['Bearer', 'private_key', 'Authorization'].includes(f.label) ? f.label : 'token'}=${encodeURIComponent(f.value)}&state=1 failed: 403`,
  },
  {
    name: 'YAML credentials file',
    render: (f) =>
      f.label === 'url-password' ? `database:\n  url: "postgresql://app:${f.value}@db:5432/app"\n` :
      pemOf(f) ? `credentials:\n  private_key: |\n${pemOf(f)!.split('\n').map((l) => `    ${l}`).join('\n')}` :
      `credentials:\n  ${keyOf(f)}: ${shown(f)}\n  region: us-east-1\n`,
  },
  {
    name: 'INI credentials file',
    render: (f) =>
      f.label === 'url-password' ? `[db]\nurl = redis://:${f.value}@cache:6379/0\n` :
      pemOf(f) ? `[key]\nprivate_key = ${JSON.stringify(pemOf(f))}\n` :
      `[default]\n${keyOf(f)} = ${shown(f)}\nregion = us-east-1\n`,
  },
]

/** Where a secret shows in an output: whole, or a long enough piece of it to matter. */
export function leaked(output: string, form: SecretForm): string | undefined {
  const core = form.value.length > 16 ? form.value.slice(4, -4) : form.value
  if (output.includes(form.value)) return form.value
  if (output.includes(core)) return core
  const encoded = encodeURIComponent(form.value)
  if (encoded !== form.value && output.includes(encoded)) return encoded
  return undefined
}

/** A small seeded generator, so property tests are reproducible. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
