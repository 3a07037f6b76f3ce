// Closest by wording, on the catalog's own article terms and real payloads (sources in each
// symptom's fixtures/sources.yaml): the symptom whose article shares the telling words ranks first.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FAMILIES, SYMPTOMS } from '../generated/symptoms.ts'
import { createDiagnoser } from './diagnose.ts'
import { closestByWording, termsOf, weighTerms } from './wording.ts'

const fixture = (id: string, name: string) => readFileSync(`content/errors/${id}/fixtures/match/${name}`, 'utf8')
const terms = new Map(SYMPTOMS.map((s) => [s.id, s.terms!]))
const ofCloud = (p: string) => SYMPTOMS.filter((s) => s.provider === p || s.provider === 'any').map((s) => s.id)

describe('termsOf', () => {
  it('splits camelCase, drops short and numeric words, and pairs words within a line only', () => {
    const t = termsOf('KeyVaultEncryptionKeyNotFound: soft deleted 404\nvault purge')
    expect(t).toEqual(expect.arrayContaining(['vault', 'encryption', 'found', 'soft', 'deleted', 'soft deleted', 'vault purge']))
    expect(t).not.toContain('deleted vault')
    expect(t.some((w) => /\d{3}/.test(w))).toBe(false)
  })
})

describe('weighTerms', () => {
  it('gives a word every article uses nothing and a word one article uses the most', () => {
    const w = weighTerms(new Map([['a', 'denied purge'], ['b', 'denied audience'], ['c', 'denied timeout']]))
    expect(w.get('a')!['denied']).toBeUndefined()
    expect(w.get('a')!['purge']).toBeGreaterThan(0)
  })
})

describe('closestByWording', () => {
  it('ranks the symptom whose article shares the payload’s telling words first', () => {
    const [best] = closestByWording(terms, fixture('azure-keyvault-soft-delete-conflict', 'powershell-new-azkeyvault-name-in-use.txt'), ofCloud('azure'))
    expect(best.id).toBe('azure-keyvault-soft-delete-conflict')
    expect(best.shared).toEqual(expect.arrayContaining(['soft', 'recoverable']))
  })

  it('leaves out the words of the error code, which the rules have already weighed', () => {
    const text = 'INVALID_ARGUMENT: invalid argument'
    const ids = SYMPTOMS.map((s) => s.id)
    const only = new Map([['gcp-kms-decryption-failed', { invalid: 0.3, argument: 0.3, 'invalid argument': 0.3 }]])
    expect(closestByWording(only, text, ids).map((c) => c.id)).toEqual(['gcp-kms-decryption-failed'])
    expect(closestByWording(only, text, ids, ['INVALID_ARGUMENT'])).toEqual([])
  })

  it('offers nothing for text that shares no telling words', () => {
    expect(closestByWording(terms, 'npm ERR! code E404 Not Found', ofCloud('aws'))).toEqual([])
  })
})

describe('the diagnoser without a rule for the case', () => {
  // As if the catalog had no rule for Cloud HSM key stores: the payload still reaches its article, at low confidence.
  const withoutRule = SYMPTOMS.map((s) => (s.id === 'aws-kms-custom-key-store' ? { ...s, rule: { any: [{ field: 'code' as const, equals: 'never-seen' }] } } : s))
  const diagnoser = createDiagnoser(withoutRule, FAMILIES)

  it('answers a clear key error with the closest article by wording, marked as such', () => {
    const d = diagnoser.diagnose(fixture('aws-kms-custom-key-store', 'cloudhsm-key-store-connect-user-not-found.txt'))
    expect(d.matches[0]).toMatchObject({ id: 'aws-kms-custom-key-store', confidence: 0.3, evidence: [{ signal: 'wording' }] })
    expect(d.nearest?.read).toContain('AWS · kms')
  })

  it('offers only symptoms of the service the payload names', () => {
    // A Cloud KMS org policy refusal shares "violated" and "constraints" with the workload identity provider article (STS).
    const d = diagnoser.diagnose(readFileSync('test/corpus/tuning/gcpb-021-nearmiss-terraform-gke-restrict-noncmek-org-policy.txt', 'utf8'))
    expect(d.facts.service).toBe('kms')
    expect(d.matches.map((m) => m.id)).not.toContain('gcp-sts-provider-invalid')
  })

  it('makes no guess on a request the service rejected as malformed', () => {
    const d = diagnoser.diagnose(readFileSync('test/corpus/tuning/awskms-024-boto3-generatedatakey-keyspec-validation.txt', 'utf8'))
    expect(d.matches).toEqual([])
  })
})
