import { describe, expect, it } from 'vitest'
import { createDiagnoser, type Symptom } from '../../src/engine/index.ts'
import { bucketKeys, compileRule } from '../../src/engine/rules.ts'

function symptom(id: string, rule: Symptom['rule']): Symptom {
  return { id, title: id, description: '', provider: 'aws', stage: 'key-state', codes: [], aliases: [], guideTerms: [], related: [], cause: '', fix: ['x'], rule }
}

const disabled = symptom('disabled', {
  all: [{ field: 'code', in: ['DisabledException'] }],
  also: [{ field: 'message', includes: 'is disabled' }],
})
const deletion = symptom('deletion', {
  any: [{ field: 'message', includes: 'pending deletion' }],
  none: [{ field: 'code', equals: 'DisabledException' }],
})
const ambiguous = symptom('ambiguous', { any: [{ field: 'text', includes: 'does not exist', weight: 0.3 }] })
const engine = createDiagnoser([disabled, deletion, ambiguous])

describe('engine', () => {
  it('ranks by confidence and explains each match', () => {
    const d = engine.diagnose('DisabledException: arn:aws:kms:us-east-1:111111111111:key/x is disabled. The alias does not exist')
    expect(d.matches.map((m) => m.id)).toEqual(['disabled', 'ambiguous'])
    expect(d.matches[0].evidence).toEqual([
      { signal: 'code', text: 'DisabledException' },
      // A phrase comes with the rest of its line, so it reads in context.
      { signal: 'message', text: 'is disabled', around: { before: 'arn:aws:kms:us-east-1:111111111111:key/x ', after: '. The alias does not exist' } },
    ])
    expect(d.matches[0].confidence).toBeCloseTo(0.8, 5) // 1 - (1 - 0.6)(1 - 0.5)
    for (const m of d.matches) expect(m.confidence).toBeGreaterThan(0)
  })

  it('keeps confidence below 1', () => {
    const strong = createDiagnoser([symptom('s', { all: [{ field: 'text', includes: 'x', weight: 1 }] })])
    expect(strong.diagnose('x').matches[0].confidence).toBeLessThanOrEqual(0.99)
  })

  it('honours none', () => {
    expect(engine.diagnose('KMSInvalidStateException: key is pending deletion').matches.map((m) => m.id)).toEqual(['deletion'])
    expect(engine.diagnose('DisabledException: key is pending deletion').matches.map((m) => m.id)).toEqual(['disabled'])
  })

  it('returns nothing for unrelated text', () => {
    expect(engine.diagnose('hello world').matches).toEqual([])
  })

  it('buckets rules by the codes they require', () => {
    expect(bucketKeys(compileRule(disabled))).toEqual(['disabledexception'])
    expect(bucketKeys(compileRule(deletion))).toBeNull()
  })

  it('rejects malformed rules when compiling', () => {
    expect(() => compileRule(symptom('empty', {}))).toThrow(/needs "all", "any" or "facts"/)
    expect(() => compileRule(symptom('w', { all: [{ field: 'text', includes: 'x', weight: 2 }] }))).toThrow(/weight/)
    expect(() => compileRule(symptom('v', { all: [{ field: 'code' }] }))).toThrow(/equals, in or includes/)
  })

  it('fills facts from context only where the payload is silent', () => {
    const d = engine.diagnose('DisabledException: arn:aws:kms:eu-west-1:111111111111:key/k is disabled.', { region: 'us-east-1', org: 'org-abcdef123456', role: 'arn:aws:iam::111111111111:role/ekm' })
    expect(d.facts.resources).toMatchObject({ region: 'eu-west-1', org: 'org-abcdef123456', roleArn: 'arn:aws:iam::111111111111:role/ekm' })
  })
})

describe('ruled out', () => {
  it('says why each related look-alike does not apply', async () => {
    const { diagnoser } = await import('../support/engine.ts')
    const [match] = diagnoser.diagnose('User: arn:aws:sts::111122223333:assumed-role/r/s is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/k because no identity-based policy allows the kms:Decrypt action').matches
    expect(match.id).toBe('aws-kms-access-denied-identity-policy')
    const keyPolicy = match.ruledOut?.find((r) => r.id === 'aws-kms-access-denied-key-policy')
    expect(keyPolicy?.reason).toContain('no identity-based policy allows')
    expect(match.ruledOut?.find((r) => r.id === 'aws-kms-access-denied-explicit-deny')?.reason).toContain('explicit deny')
  })
})

describe('context', () => {
  it('a named provider rules out the other clouds’ look-alikes', async () => {
    const { diagnoser } = await import('../support/engine.ts')
    const text = '429 Too Many Requests: rate limit exceeded for the key service'
    const all = diagnoser.diagnose(text).matches.map((m) => m.id)
    const azure = diagnoser.diagnose(text, { provider: 'azure' }).matches.map((m) => m.id)
    expect(azure.every((id) => !id.startsWith('aws-') && !id.startsWith('gcp-'))).toBe(true)
    expect(azure.length).toBeLessThanOrEqual(all.length)
  })
})

describe('fact combinations', () => {
  const trust = symptom('trust', {
    any: [{ field: 'text', includes: 'authorized to perform: sts:AssumeRole', weight: 0.8 }],
    facts: [{ provider: 'aws', service: 'sts', code: ['AccessDenied'], operation: 'AssumeRole*' }],
  })
  const facts = createDiagnoser([trust])

  it('decide without the phrase, below a phrase match', () => {
    const worded = facts.diagnose('An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Request ARN is invalid')
    expect(worded.matches.map((m) => [m.id, m.confidence])).toEqual([['trust', 0.45]])
    expect(worded.matches[0].evidence.map((e) => e.signal)).toEqual(['provider', 'service', 'operation', 'code'])
    const phrased = facts.diagnose('An error occurred (AccessDenied) when calling the AssumeRole operation: User: x is not authorized to perform: sts:AssumeRole')
    expect(phrased.matches[0].confidence).toBeGreaterThan(0.45)
  })

  it('need every fact of the combination', () => {
    expect(facts.diagnose('An error occurred (AccessDenied) when calling the GetObject operation: Access Denied').matches).toEqual([])
  })

  it('hold "none" for a fact the payload did not state', () => {
    const bare = createDiagnoser([symptom('bare-denied', { facts: [{ provider: 'aws', service: 'none', code: ['AccessDenied'] }] })])
    const body = 'An error occurred (AccessDenied) when calling the ListKeys operation: Access Denied'
    expect(bare.diagnose(body).matches.map((m) => m.id)).toEqual(['bare-denied'])
    // The same refusal from a service the payload names is that service's.
    expect(bare.diagnose(body.replace('ListKeys', 'AssumeRole')).matches).toEqual([])
  })

  it('are bucketed by their codes, and reject unknown facts', () => {
    expect(bucketKeys(compileRule(symptom('facts-only', { facts: trust.rule.facts })))).toEqual(['accessdenied'])
    expect(bucketKeys(compileRule(trust))).toBeNull() // its phrase path needs no code
    expect(() => compileRule(symptom('bad', { facts: [{ colour: 'red' } as never] }))).toThrow(/unknown fact colour/)
  })
})

describe('families', () => {
  const a = symptom('member-a', { any: [{ field: 'text', includes: 'because of a', weight: 0.8 }] })
  const b = symptom('member-b', { any: [{ field: 'text', includes: 'because of b' }] })
  const family = { id: 'fam', title: 'Denied', description: 'd', when: [{ provider: 'aws', service: 'kms', code: ['AccessDeniedException'] }], members: [{ id: 'member-b', tell: 'check b' }, { id: 'member-a', tell: 'check a' }] }
  const engine = createDiagnoser([a, b], [family])
  const bare = 'An error occurred (AccessDeniedException) when calling the Decrypt operation: access denied for arn:aws:kms:us-east-1:111122223333:key/k'

  it('list the members in catalog order with the step that tells them apart', () => {
    const d = engine.diagnose(bare)
    expect(d.family).toMatchObject({ id: 'fam', members: [{ id: 'member-b', tell: 'check b' }, { id: 'member-a', tell: 'check a' }] })
    expect(d.matches.map((m) => m.id)).toEqual(['member-b', 'member-a'])
    expect(d.matches[0].confidence).toBeGreaterThan(d.matches[1].confidence)
  })

  it('step aside when a phrase decides', () => {
    const d = engine.diagnose(`${bare} because of a`)
    expect(d.matches[0].id).toBe('member-a')
    expect(d.family).toBeUndefined()
  })

  it('name only symptoms that exist', () => {
    expect(() => createDiagnoser([a], [family])).toThrow(/unknown member member-b/)
  })

  it('can be named by a phrase of the payload, alone or with a code', () => {
    const worded = createDiagnoser([a, b], [{ ...family, when: [{ text: ['refused … for a reason it does not give'] }, { code: ['InternalError'], text: ['error on launch'] }] }])
    expect(worded.diagnose('the service refused the call for a reason it does not give').family?.id).toBe('fam')
    expect(worded.diagnose('the service refused the call').family).toBeUndefined()
    expect(worded.diagnose('Reason: Client.InternalError: Client error on launch').family?.id).toBe('fam')
    expect(worded.diagnose('Client error on launch').family).toBeUndefined()
  })

  it('outrank a guess from what went wrong alone when the payload names them in its own words', () => {
    const guess = symptom('guess', { facts: [{ condition: 'invalid-ciphertext', weight: 0.35 }] })
    const worded = createDiagnoser([a, b, guess], [{ ...family, when: [{ text: ['could not unwrap any data key'] }] }])
    expect(worded.diagnose('DecryptKeyError: unable to decrypt the blob').matches.map((m) => m.id)).toEqual(['guess'])
    const d = worded.diagnose('DecryptKeyError: unable to decrypt the blob: could not unwrap any data key')
    expect(d.family?.id).toBe('fam')
    expect(d.matches.map((m) => m.id)).toEqual(['member-b', 'member-a'])
  })

  it('are not offered when one of their `unless` combinations holds', () => {
    const engine = createDiagnoser([a, b], [{ ...family, unless: [{ operation: 'Encrypt' }] }])
    expect(engine.diagnose(bare).family).toBeDefined()
    expect(engine.diagnose(bare.replace('Decrypt', 'Encrypt')).family).toBeUndefined()
  })
})

describe('nearest articles', () => {
  it('say what was read when nothing matched a key error, and nothing for unrelated text', async () => {
    const { diagnoser } = await import('../support/engine.ts')
    const d = diagnoser.diagnose('An error occurred (SomethingNewException) when calling the Decrypt operation: the key service refused')
    expect(d.matches).toEqual([])
    expect(d.nearest).toMatchObject({ read: expect.stringContaining('AWS · kms · Decrypt · SomethingNewException'), index: '/errors/?provider=aws' })
    expect(d.nearest!.articles.length).toBeGreaterThan(0)
    expect(diagnoser.diagnose('npm ERR! code E404\nnpm ERR! 404 Not Found - GET https://registry.npmjs.org/nope').nearest).toBeUndefined()
  })
})

describe('administration is not a key error', () => {
  it.each([
    // Azure Deployment Environments reading a vault through Resource Manager (tuning azoo-016).
    ['Azure', `"code":"Forbidden". The client <alias@domain.com> with object id 'blahblahblah' does not have authorization to perform action 'Microsoft.KeyVault/vaults/read' over scope 'keyvault-id' or the scope is invalid.`],
    // Vault's GCP secrets engine creating a service account (tuning gcpo-014).
    ['Google', "* unable to create new service account under project 'projects/vault-test': googleapi: Error 403: Permission iam.serviceAccounts.create is required to perform this operation on project projects/vault-test., forbidden"],
  ])('%s: a permission to manage a vault or create a service account gets no guess', async (_cloud, text) => {
    const { diagnoser } = await import('../support/engine.ts')
    const d = diagnoser.diagnose(text)
    expect(d.matches).toEqual([])
    expect(d.nearest).toBeUndefined()
  })
})

describe('KMS actions with no key to hold a policy', () => {
  it('a denied kms:CreateKey is the caller\'s IAM policy, never a key policy (tuning repp-017)', async () => {
    const { diagnoser } = await import('../support/engine.ts')
    const d = diagnoser.diagnose('$ aws kms create-key\nAn error occurred (AccessDeniedException) when calling the CreateKey operation: User: arn:aws:sts::111122223333:assumed-role/KMSWorkshop-InstanceInitRole/instanceid is not authorized to perform: kms:CreateKey on resource:')
    expect(d.matches[0].id).toBe('aws-kms-access-denied-identity-policy')
    expect(d.matches.map((m) => m.id)).not.toContain('aws-kms-access-denied-key-policy')
  })
})

describe('audit records', () => {
  // CloudTrail's record of a KMS call, as the AWS KMS developer guide shows it (tuning logl-006, logl-007).
  const record = (extra: string) => `{"eventVersion": "1.02", "eventSource": "kms.amazonaws.com", "eventName": "Encrypt", "awsRegion": "us-east-1",${extra}
    "requestParameters": {"keyId": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "encryptionAlgorithm": "SYMMETRIC_DEFAULT"},
    "responseElements": null, "eventType": "AwsApiCall"}`

  it('offer nothing for a record of a call that worked', async () => {
    const { diagnoser } = await import('../support/engine.ts')
    const d = diagnoser.diagnose(record(''))
    expect(d.facts).toMatchObject({ provider: 'aws', service: 'kms', operation: 'Encrypt' })
    expect(d.matches).toEqual([])
    expect(d.nearest).toBeUndefined()
  })

  it("offer nothing for Azure's diagnostic record of a call that worked (tuning logl-018)", async () => {
    const { diagnoser } = await import('../support/engine.ts')
    // Key Vault's logging docs (MicrosoftDocs/azure-docs), one AuditEvent record.
    const d = diagnoser.diagnose('{"records": [{"time": "2016-01-05T01:32:01.2691226Z", "resourceId": "/SUBSCRIPTIONS/361DA5D4-A47A-4C79-AFDD-XXXXXXXXXXXX/RESOURCEGROUPS/CONTOSOGROUP/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/CONTOSOKEYVAULT", "operationName": "VaultGet", "category": "AuditEvent", "resultType": "Success", "resultSignature": "OK", "properties": {"clientInfo": "azure-resource-manager/2.0", "id": "https://contosokeyvault.vault.azure.net/", "httpStatusCode": 200}}]}')
    expect(d.facts).toMatchObject({ provider: 'azure', service: 'keyvault' })
    expect(d.matches).toEqual([])
    expect(d.nearest).toBeUndefined()
  })

  it('read the operation and the error of a record of a call that failed', async () => {
    const { diagnoser } = await import('../support/engine.ts')
    const d = diagnoser.diagnose(record(' "errorCode": "DisabledException", "errorMessage": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab is disabled.",'))
    expect(d.facts).toMatchObject({ operation: 'Encrypt', code: 'DisabledException', condition: 'disabled' })
    expect(d.matches[0].id).toBe('aws-kms-key-disabled')
  })
})
