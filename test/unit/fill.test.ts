// Fix steps with the values the diagnosis read, on real fixtures: filled where the payload gave a
// value, a visible placeholder where it did not.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fillPlaceholders, KNOWN_PLACEHOLDERS } from '../../src/engine/fill.ts'
import { SYMPTOMS } from '../../src/generated/symptoms.ts'
import { diagnoser } from '../support/engine.ts'

const fixture = (id: string, name: string) => readFileSync(`content/errors/${id}/fixtures/match/${name}`, 'utf8')

describe('fix steps filled in', () => {
  it('puts the key ARN and region an AWS payload names into the commands', () => {
    const d = diagnoser.diagnose(fixture('aws-kms-key-disabled', 'aws-cli-reencrypt-disabled.txt'))
    const fix = d.matches[0].fix.map((step) => fillPlaceholders(step, d.facts.resources)).join('\n')
    expect(fix).toContain('aws kms enable-key --key-id arn:aws:kms:us-west-2:111122223333:key/ea9fe275-3667-4e16-8043-80a307cfb20b')
    expect(fix).toContain('--region us-west-2')
    expect(fix).not.toContain('<key-arn>')
    expect(fix).toContain('<extkey-id>') // nothing in the payload says it
  })

  it('puts a Google Cloud key\'s project, location, key ring and key into the commands', () => {
    const d = diagnoser.diagnose(fixture('gcp-kms-permission-denied', 'curl-rest-json-encrypt.txt'))
    const step = fillPlaceholders(d.matches[0].fix[0], d.facts.resources)
    expect(step).toContain('gcloud kms keys add-iam-policy-binding money_aes_key --keyring=money --location=global --project=zoretto-keystore')
    expect(step).toContain('projects/<project-number>/') // the payload does not name it
  })

  it('uses what the user gave as context too', () => {
    const d = diagnoser.diagnose(fixture('aws-kms-key-disabled', 'aws-cli-reencrypt-disabled.txt'), { org: 'org-AbCdEf0123456789abcdef01' })
    expect(d.facts.resources.org).toBe('org-AbCdEf0123456789abcdef01')
  })

  it('leaves every placeholder alone when nothing was read', () => {
    const step = 'gcloud kms keys describe <key> --keyring=<key-ring> --location=<location> --project=<kms-project-id>'
    expect(fillPlaceholders(step, {})).toBe(step)
    expect(fillPlaceholders(step, { key: 'ekm', keyRing: 'openai', location: 'us-east1', project: 'acme-kms' })).toBe('gcloud kms keys describe ekm --keyring=openai --location=us-east1 --project=acme-kms')
  })

  it('knows the placeholders the catalog uses for values a payload can carry', () => {
    const used = new Set(SYMPTOMS.flatMap((s) => s.fix.flatMap((f) => [...f.matchAll(/<([a-z][a-z-]{0,40})>/g)].map((m) => m[1]))))
    for (const name of ['key-arn', 'region', 'account-id', 'role-name', 'key', 'key-ring', 'location', 'vault-name', 'key-name', 'tenant-id']) {
      expect(used, name).toContain(name)
      expect(KNOWN_PLACEHOLDERS, name).toContain(name)
    }
  })
})
