import { describe, expect, it } from 'vitest'
import { buildCodeIndex, findInIndex } from '../../src/engine/index.ts'
import { bareCode } from '../../src/engine/code-index.ts'
import { CODE_MEANINGS, diagnoser, SYMPTOMS } from '../support/engine.ts'

const index = buildCodeIndex(SYMPTOMS, CODE_MEANINGS)

describe('code index', () => {
  it('finds every code, alias and id of every symptom', () => {
    for (const s of SYMPTOMS) {
      for (const key of [s.id, ...s.codes, ...s.aliases]) expect(findInIndex(index, key), key).toContain(s.id)
    }
  })

  it('ignores case, quotes and surrounding space', () => {
    expect(findInIndex(index, '  `disabledexception` ')[0]).toBe('aws-kms-key-disabled')
  })

  it('finds a code inside a longer query', () => {
    expect(findInIndex(index, 'got DisabledException from Encrypt')[0]).toBe('aws-kms-key-disabled')
  })

  it('leads a shared code to the symptom it is named after', () => {
    expect(findInIndex(index, 'DisabledException')).toEqual(['aws-kms-key-disabled', 'aws-kms-key-pending-deletion'])
    expect(findInIndex(index, 'AADSTS7000229')).toEqual(['azure-service-principal-missing'])
  })

  it('lands the third-party vocabulary on the true symptoms', () => {
    expect(findInIndex(index, 'InvalidKey')[0]).toBe('aws-kms-invalid-key-id')
    expect(findInIndex(index, 'KeyDisabled')).toEqual(expect.arrayContaining(['aws-kms-key-disabled', 'azure-keyvault-key-disabled', 'gcp-kms-key-version-not-enabled']))
    expect(findInIndex(index, 'RequestTimeout')).toEqual(['kms-request-timeout'])
    expect(findInIndex(index, 'ekm_key_id')).toEqual(['openai-ekm-per-request-param'])
    expect(findInIndex(index, 'OpenAI-Beta: ekm-beta')).toEqual(['openai-ekm-per-request-param'])
    expect(findInIndex(index, 'RSA 2048').length).toBeGreaterThan(0)
    expect(findInIndex(index, 'RSAES_PKCS1_V1_5').length).toBeGreaterThan(0)
    expect(findInIndex(index, 'KeyVersionMismatch').length).toBeGreaterThan(1)
  })

  it('ranks a shared code as the catalog declares it, most likely meaning first', () => {
    expect(findInIndex(index, 'KMSInvalidStateException')).toEqual(['aws-kms-key-pending-deletion', 'aws-kms-key-invalid-state', 'aws-kms-custom-key-store'])
    expect(findInIndex(index, 'permission_denied')).toEqual(['gcp-kms-permission-denied', 'gcp-impersonation-denied'])
    for (const [code, meanings] of Object.entries(CODE_MEANINGS)) expect(findInIndex(index, code), code).toEqual(meanings.map((m) => m.id))
  })

  it('reads a payload that is one known code, and nothing else', () => {
    expect(bareCode(index, SYMPTOMS, ' `ThrottlingException` ')).toEqual({ code: 'ThrottlingException', ids: ['aws-kms-throttling'] })
    expect(bareCode(index, SYMPTOMS, 'ThrottlingException: Rate exceeded')).toBeUndefined()
    // An alias is how people search, not a code a payload carries.
    expect(bareCode(index, SYMPTOMS, 'InvalidKey')).toBeUndefined()
  })

  it('gives a bare shared code the same ranked answer as the search box and explain', () => {
    const d = diagnoser.diagnose('KMSInvalidStateException')
    expect(d.matches.map((m) => m.id)).toEqual(CODE_MEANINGS.KMSInvalidStateException.map((m) => m.id))
    expect(d.family).toMatchObject({ id: 'code:KMSInvalidStateException', members: CODE_MEANINGS.KMSInvalidStateException.map((m) => expect.objectContaining({ id: m.id, tell: m.tell })) })
    expect(diagnoser.diagnose('DisabledException\n').matches[0].id).toBe('aws-kms-key-disabled')
    expect(diagnoser.diagnose('ThrottlingException').family).toBeUndefined()
  })

  it('finds nothing for unknown words', () => {
    expect(findInIndex(index, 'NoSuchCodeAnywhere')).toEqual([])
  })
})
