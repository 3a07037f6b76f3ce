import { describe, expect, it } from 'vitest'
import { readShareLink, shareLink, ticketMarkdown } from '../../src/engine/index.ts'
import { diagnoser } from '../support/engine.ts'

const payload = [
  '2026-11-26T10:00:01Z worker-7 unrelated-log-line-7f3a token=sk-proj-Abcdefghijklmnopqrstuvwx0123456789',
  'An error occurred (DisabledException) when calling the Encrypt operation: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab is disabled.',
].join('\n')
const d = diagnoser.diagnose(payload)

describe('support hand-off', () => {
  it('summarises the diagnosis for a ticket without the payload', () => {
    const md = ticketMarkdown(d, 'https://kb.test')
    expect(md).toContain('**Symptom**: ')
    expect(md).toContain('`aws-kms-key-disabled`')
    expect(md).toContain('Article: https://kb.test/errors/aws-kms-key-disabled/')
    expect(md).toContain('Steps suggested:\n1. ')
    expect(md).toContain('code: `DisabledException`')
    expect(md).not.toContain('unrelated-log-line-7f3a')
    expect(md).not.toContain('sk-proj-')
  })

  it('links to a diagnosis with ids and non-secret facts only', () => {
    const link = shareLink(d)
    expect(link).toMatch(/^\/diagnose\/#ids=aws-kms-key-disabled/)
    expect(link).not.toContain('111122223333')
    expect(link).not.toContain('arn')
    expect(readShareLink(link.slice(link.indexOf('#')))).toEqual({ ids: d.matches.map((m) => m.id), facts: expect.objectContaining({ provider: 'aws', code: 'DisabledException' }) })
  })

  it('ignores fragments that are not share links', () => {
    expect(readShareLink('#how-to-fix')).toBeNull()
    expect(readShareLink('#ids=<script>')).toBeNull()
  })

  it('hands a family over with the step that tells each member apart', () => {
    // https://github.com/Azure/azure-libraries-for-net/issues/971 (a Key Vault 403 with no reason)
    const bare = diagnoser.diagnose("Microsoft.Azure.KeyVault.Models.KeyVaultErrorException: Operation returned an invalid status code 'Forbidden'")
    const md = ticketMarkdown(bare, 'https://kb.test')
    expect(md).toContain(`**${bare.family!.title}**`)
    expect(md).toMatch(/^1\. `azure-keyvault-forbidden-rbac`: .+/m)
  })

  it('says what was read when nothing matched a clear key error', () => {
    const none = diagnoser.diagnose('An error occurred (SomethingNewException) when calling the Decrypt operation: the key service refused')
    expect(ticketMarkdown(none, 'https://kb.test')).toContain('No symptom matched exactly. Read: AWS · kms · Decrypt · SomethingNewException. Error index for this provider: https://kb.test/errors/?provider=aws')
  })

  it('deep links every match to its causes', () => {
    expect(d.matches[0].causes?.[0].url).toMatch(/^\/errors\/aws-kms-key-disabled\/#cause-1-/)
  })
})
