// No catastrophic backtracking: every extractor and rule runs on hostile 64 KiB inputs. A
// super-linear pattern would take minutes on these and fail the test by its timeout; rule patterns
// are literal phrases, so they cannot backtrack at all.
import { describe, expect, it } from 'vitest'
import { isTerraformSource, MAX_PAYLOAD_BYTES } from '../../src/engine/index.ts'
import { diagnoser } from '../support/engine.ts'

const fill = (unit: string) => unit.repeat(Math.floor(MAX_PAYLOAD_BYTES / unit.length))

const HOSTILE: [string, string][] = [
  ['one long line', fill('a')],
  ['open braces', fill('{')],
  ['unterminated dict keys', fill("{'a': ")],
  ['unterminated strings', fill('{"')],
  ['nested arrays', fill('[')],
  ['OpenAI key prefixes', fill('sk-')],
  ['JWT prefixes', fill('eyJ')],
  ['dotted tokens', fill('a.')],
  ['access key prefixes', fill('AKIA')],
  ['header labels', fill('Authorization')],
  ['labels without values', fill('client_secret=')],
  ['private key headers', fill('-----BEGIN PRIVATE KEY-----')],
  ['botocore prefixes', fill('An error occurred (')],
  ['exception-like words', fill('AccessDeniedExceptio')],
  ['status-like words', fill('PERMISSION_DENIED ')],
  ['colons', fill('ERROR: ')],
  ['ARN prefixes', fill('arn:aws:kms:')],
  ['GCP resource prefixes', fill('projects/a/locations/')],
  ['vault hosts', fill('https://a.vault.azure.net/keys/')],
  ['escaped newlines', fill('\\r\\n')],
  ['spaces and tabs', fill(' \t')],
  ['empty lines', fill('\n')],
  ['blank lines', fill(' \n')],
  ['gap patterns with no end', fill('not authorized to perform ')],
  ['Go status lines on one line', fill('status code: 400, request id: a ')],
  ['gRPC error details', fill('reason = ABC ')],
  ['status classes', fill('FailedPrecondition: 400 ')],
  ['Entra codes', fill('AADSTS50000 ')],
  ['escaped JSON', fill('{\\"')],
  ['nested objects', fill('{"a":')],
  ['escaped quotes', fill('\\"')],
]

describe('hostile input of the maximum size', () => {
  it.each(HOSTILE)('%s', (_name, payload) => {
    expect(new TextEncoder().encode(payload).length).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES)
    const result = diagnoser.diagnose(payload)
    expect(Array.isArray(result.matches)).toBe(true)
  })
})

// The API tells Terraform source apart before it diagnoses anything.
const TERRAFORM: [string, string][] = [
  ['block headers that never close', fill('resource "a" "b" { ')],
  ['a header with a long tail', `resource ${fill('{ ').slice(20)}`],
  ['heredoc openers', fill('  x = <<EOF\n')],
  ['comments', fill('# resource "a" "b" {\n')],
]

describe('Terraform source detection on hostile input of the maximum size', () => {
  it.each([...HOSTILE, ...TERRAFORM])('%s', (_name, payload) => {
    expect(typeof isTerraformSource(payload)).toBe('boolean')
  })
})
