import { describe, expect, it } from 'vitest'
import { redact } from '../../src/engine/redact.ts'
import { diagnoser } from '../support/engine.ts'

// Same shapes as real secrets, made up for the test.
const SECRETS: [kind: string, text: string, secret: string][] = [
  ['openai-api-key', 'Incorrect key sk-proj-Abcdefghijklmnopqrstuvwx0123456789ABCDEFGHIJ used', 'sk-proj-Abcdefghijklmnopqrstuvwx0123456789ABCDEFGHIJ'],
  ['openai-api-key', 'OPENAI_ADMIN_KEY=sk-admin-Zyxwvutsrqponmlkjihgfedcba9876543210', 'sk-admin-Zyxwvutsrqponmlkjihgfedcba9876543210'],
  ['aws-access-key-id', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
  ['aws-secret-access-key', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ['aws-session-token', '"SessionToken": "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJGMEQCIFakeFakeFake"', 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJGMEQCIFakeFakeFake'],
  ['authorization-header', 'Authorization: Bearer abc.def.ghi-not-a-jwt-but-secret', 'abc.def.ghi-not-a-jwt-but-secret'],
  ['bearer-token', 'curl -H "x: 1" --oauth2-bearer x; token Bearer opaque-bearer.0123456789abcdef', 'opaque-bearer.0123456789abcdef'],
  ['jwt', 'id_token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMDU5MDAxMzc1NzIxNzQ2NjAzNjUifQ.c2lnbmF0dXJlLWZha2U', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMDU5MDAxMzc1NzIxNzQ2NjAzNjUifQ.c2lnbmF0dXJlLWZha2U'],
  ['azure-client-secret', 'client_secret=Abc8Q~fakefakefakefakefakefakefakefake12', 'Abc8Q~fakefakefakefakefakefakefakefake12'],
  ['azure-client-secret', 'secret value Xy78Q~AbCdEfGhIjKlMnOpQrStUvWxYz01234567 in env', 'Xy78Q~AbCdEfGhIjKlMnOpQrStUvWxYz01234567'],
  ['gcp-private-key', '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n"}', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'],
]

describe('redact', () => {
  it.each(SECRETS)('removes a %s', (kind, text, secret) => {
    const out = redact(text)
    expect(out.text).not.toContain(secret)
    expect(out.redactions.map((r) => r.kind)).toContain(kind)
  })

  it('keeps what diagnosis needs: ARNs, GUIDs, request ids, codes', () => {
    const text = 'DisabledException: arn:aws:kms:us-west-2:187416307283:key/7e5a8e30-1111-2222-3333-444455556666 is disabled. request id: 0a1b2c3d-0000-1111-2222-333344445555 appid=20a14814-5ab7-4612-a671-1382b412bf93 AROAXXXXXXXXXXXXXXXXX'
    expect(redact(text)).toEqual({ text, redactions: [] })
  })

  it('keeps an error code that follows a label in prose, and still removes a password there', () => {
    // bless's Terraform output (the aws-credentials-invalid fixture terraform-bless-kms-nocredentialproviders).
    const prose = 'Could not encrypt password: NoCredentialProviders: no valid providers in chain. Deprecated.'
    expect(redact(prose)).toEqual({ text: prose, redactions: [] })
    expect(redact('password: Hunter2Hunter2:').text).not.toContain('Hunter2')
    expect(redact('password: CorrectHorseBatteryStaple').text).not.toContain('CorrectHorse')
    // Power Automate naming Entra's code after "token:" (tuning idek-016).
    const entra = "Http request failed as there is an error getting AD OAuth token: 'AADSTS700016: Application with identifier 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' was not found in the directory 'Contoso'."
    expect(redact(entra)).toEqual({ text: entra, redactions: [] })
  })

  it('counts each kind', () => {
    const out = redact('sk-proj-Abcdefghijklmnopqrstuvwx0123456789 and sk-proj-Zbcdefghijklmnopqrstuvwx0123456789')
    expect(out.redactions).toEqual([{ kind: 'openai-api-key', count: 2 }])
  })

  it('leaves no secret anywhere in a diagnosis', () => {
    const payload = SECRETS.map(([, text]) => text).join('\n') + "\nopenai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-Abcdefghijklmnopqrstuvwx0123456789ABCDEFGHIJ', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}"
    const out = JSON.stringify(diagnoser.diagnose(payload))
    for (const [, , secret] of SECRETS) expect(out).not.toContain(secret)
  })
})
