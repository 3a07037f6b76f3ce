/**
 * AWS documents: role trust policy, IAM permission policy, KMS key policy, `describe-key` and
 * `get-role` output. The same checks serve pasted documents and `ekm-doctor check aws`.
 */
import type { Value } from '../object-literal.ts'
import { coversAction, coversResource, isObj, label, policyValue, statements, type Obj, type Statement } from './iam.ts'
import { fail, isReference, ORG_ID, pass, skip, text } from './checks.ts'
import type { Analysis, AnalyzeContext, Check } from './types.ts'

export const OPENAI_ROLE = 'arn:aws:iam::790389265272:role/EnterpriseKeyManagement'
const OPENAI_ACCOUNT = '790389265272'
const CRYPTO = ['kms:Encrypt', 'kms:Decrypt'] as const


const json = (v: unknown) => JSON.stringify(v, null, 2)

export function trustPolicySnippet(org = '<your-openai-org-id>') {
  return json({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: OPENAI_ROLE }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': [org] } } }],
  })
}

export function permissionPolicySnippet(keyArn = '<key-arn>') {
  return json({ Version: '2012-10-17', Statement: [{ Sid: 'AllowEncryptDecrypt', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: keyArn }] })
}

const accountOf = (arn: string | undefined) => /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(arn ?? '')?.[1]
const isKeyArn = (v: string | undefined) => /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\//.test(v ?? '')
const isAliasArn = (v: string | undefined) => /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:alias\//.test(v ?? '')

/** What a Deny's conditions mean for OpenAI's calls, as far as anything is documented. */
function denyVerdict(s: Statement): { applies: 'yes' | 'no' | 'maybe'; why: string } {
  if (!s.conditions.length) return { applies: 'yes', why: 'it has no condition' }
  const reasons: string[] = []
  for (const c of s.conditions) {
    if (c.key === 'aws:securetransport' && c.operator.startsWith('Bool') && c.values.every((v) => v.toLowerCase() === 'false')) {
      return { applies: 'no', why: 'it only denies calls without TLS' }
    }
    if (['aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce'].includes(c.key) && /^(?:Not|StringNot)/.test(c.operator)) {
      reasons.push(`${c.operator} ${c.key}: OpenAI calls from its own network, not from your addresses or VPC endpoints (OpenAI publishes no source IPs)`)
      continue
    }
    if (c.key.startsWith('kms:encryptioncontext')) {
      reasons.push(`${c.operator} ${c.key}: OpenAI does not document the encryption context it sends`)
      continue
    }
    reasons.push(`${c.operator} ${c.key}`)
  }
  return { applies: 'maybe', why: reasons.join('; ') }
}

function denyChecks(stmts: Statement[], resource: string, principalMatters: (s: Statement) => boolean, where: string): Check {
  const name = `No Deny in the ${where} blocks kms:Encrypt or kms:Decrypt`
  for (const s of stmts) {
    if (s.effect !== 'Deny' || !CRYPTO.some((a) => coversAction(s, a))) continue
    if (s.resources.length && !coversResource(s, resource)) continue
    if (!principalMatters(s)) continue
    const verdict = denyVerdict(s)
    if (verdict.applies === 'no') continue
    return fail(
      name,
      'aws-kms-access-denied-explicit-deny',
      `${label(s)} denies ${[...s.actions, ...s.notActions].join(', ')} and would apply to OpenAI's calls: ${verdict.why}.`,
      'Remove the Deny, or narrow its condition so that the role you register with OpenAI is excluded (for example with aws:PrincipalArn).',
      label(s),
    )
  }
  return pass(name, 'No Deny statement applies to kms:Encrypt or kms:Decrypt for this key.')
}

export function analyzeTrustPolicy(doc: Obj, ctx: AnalyzeContext): Check[] {
  const stmts = statements(doc)
  const trusting = stmts.filter(
    (s) => s.effect === 'Allow' && coversAction(s, 'sts:AssumeRole') && s.principals.some((p) => p === OPENAI_ROLE || p === '*' || p === OPENAI_ACCOUNT || p === `arn:aws:iam::${OPENAI_ACCOUNT}:root`),
  )
  const checks: Check[] = []
  const trustName = "Trusts OpenAI's role for sts:AssumeRole"
  if (!trusting.length) {
    const named = stmts.flatMap((s) => s.principals).join(', ') || 'no principal'
    checks.push(fail(trustName, 'aws-assume-role-denied', `No Allow statement lets ${OPENAI_ROLE} call sts:AssumeRole (principals found: ${named}).`, trustPolicySnippet(ctx.org), 'Statement'))
    checks.push(skip('Requires your OpenAI org id as sts:ExternalId', 'There is no statement trusting OpenAI to check.'))
    return checks
  }
  const s = trusting.find((t) => t.principals.includes(OPENAI_ROLE)) ?? trusting[0]
  checks.push(
    s.principals.includes(OPENAI_ROLE)
      ? pass(trustName, `${label(s)} allows ${OPENAI_ROLE} to call sts:AssumeRole.`, label(s))
      : pass(trustName, `${label(s)} trusts ${s.principals.join(', ')}, which includes OpenAI's role but is broader than needed; name ${OPENAI_ROLE} instead.`, label(s)),
  )
  const ext = s.conditions.find((c) => c.key === 'sts:externalid')
  const extName = 'Requires your OpenAI org id as sts:ExternalId'
  if (!ext || !ext.values.length) {
    checks.push(fail(extName, 'aws-assume-role-denied', `${label(s)} has no sts:ExternalId condition. OpenAI's setup requires StringEquals sts:ExternalId with the org (or project) id that registers the key.`, trustPolicySnippet(ctx.org), label(s)))
  } else if (ext.values.some(isReference)) {
    checks.push(skip(extName, `sts:ExternalId is ${ext.values.join(', ')}, filled in when the code is applied; it must be the org (or project) id that registers the key.`, `${label(s)} Condition`))
  } else if (!ext.values.every((v) => ORG_ID.test(v))) {
    checks.push(fail(extName, 'aws-assume-role-denied', `sts:ExternalId is ${ext.values.join(', ')}, which is not an OpenAI organization id (org-…) or project id (proj_…).`, trustPolicySnippet(ctx.org), `${label(s)} Condition`))
  } else if (!ctx.org) {
    checks.push(skip(extName, `sts:ExternalId is ${ext.values.join(', ')}; give the org id that registers the key (context "org", or --org) to check it is the same one.`))
  } else if (!ext.values.includes(ctx.org)) {
    checks.push(fail(extName, 'aws-assume-role-denied', `sts:ExternalId is ${ext.values.join(', ')}, not ${ctx.org}, the org that registers the key (a personal org id is a common mix-up).`, trustPolicySnippet(ctx.org), `${label(s)} Condition`))
  } else {
    checks.push(pass(extName, `sts:ExternalId is ${ctx.org} (${ext.operator}).`, `${label(s)} Condition`))
  }
  const deny = stmts.find((d) => d.effect === 'Deny' && coversAction(d, 'sts:AssumeRole') && d.principals.some((p) => p === '*' || p === OPENAI_ROLE))
  checks.push(
    deny
      ? fail("No Deny statement blocks OpenAI's role", 'aws-assume-role-denied', `${label(deny)} denies sts:AssumeRole to OpenAI's role.`, 'Remove the Deny statement from the trust policy.', label(deny))
      : pass("No Deny statement blocks OpenAI's role", 'No Deny statement names OpenAI or everyone.'),
  )
  return checks
}

export function analyzePermissionPolicy(doc: Obj, ctx: AnalyzeContext): Check[] {
  const stmts = statements(doc)
  // In infrastructure code the key is a reference to it: ${aws_kms_key.openai.arn}.
  const key = isKeyArn(ctx.key) || isReference(ctx.key) ? ctx.key! : undefined
  const checks: Check[] = CRYPTO.map((action) => {
    const name = `Allows ${action} on the key ARN`
    const allows = stmts.filter((s) => s.effect === 'Allow' && coversAction(s, action))
    if (!allows.length) return fail(name, 'aws-kms-access-denied-identity-policy', `No Allow statement grants ${action}.`, permissionPolicySnippet(key), 'Statement')
    if (key) {
      const hit = allows.find((s) => coversResource(s, key))
      if (hit) return pass(name, `${label(hit)} allows ${action} on ${key}.`, label(hit))
      const onAlias = allows.some((s) => s.resources.every(isAliasArn))
      return fail(
        name,
        'aws-kms-access-denied-identity-policy',
        onAlias ? `${action} is allowed only on an alias ARN. A policy whose Resource is an alias applies to the alias, not to the key behind it.` : `${action} is allowed, but not on ${key}.`,
        permissionPolicySnippet(key),
        label(allows[0]),
      )
    }
    if (allows.every((s) => s.resources.length > 0 && s.resources.every(isAliasArn))) {
      return fail(name, 'aws-kms-access-denied-identity-policy', `${action} is allowed only on alias ARNs (${allows.flatMap((s) => s.resources).join(', ')}). A Resource that is an alias does not grant the key behind it: use the key ARN.`, permissionPolicySnippet(), label(allows[0]))
    }
    return pass(name, `${label(allows[0])} allows ${action} on ${allows[0].resources.join(', ')} (give the key ARN to check it covers the registered key).`, label(allows[0]))
  })
  const conditional = stmts.filter((s) => s.effect === 'Allow' && s.conditions.length && CRYPTO.some((a) => coversAction(s, a)))
  checks.push(
    conditional.length
      ? skip('Allow conditions hold for OpenAI', `${conditional.map(label).join(', ')} allow only under conditions (${conditional.flatMap((s) => s.conditions.map((c) => `${c.operator} ${c.key}`)).join('; ')}); OpenAI does not document its request context, so they cannot be checked here.`)
      : pass('Allow conditions hold for OpenAI', 'The statements that allow kms:Encrypt and kms:Decrypt have no conditions.'),
  )
  checks.push(denyChecks(stmts, key ?? '*', () => true, 'permission policies'))
  return checks
}

export function analyzeKeyPolicy(doc: Obj, ctx: AnalyzeContext): Check[] {
  const stmts = statements(doc)
  const account = accountOf(ctx.key) ?? accountOf(ctx.role)
  const both = (s: Statement) => s.effect === 'Allow' && CRYPTO.every((a) => coversAction(s, a))
  // In infrastructure code the account is often a reference: arn:aws:iam::${AWS::AccountId}:root.
  const isRoot = (p: string) => /^(?:arn:aws[a-z-]*:iam::(\d{12}|\$\{[^}]+\}):root|\d{12})$/.test(p) && (!account || p.includes(account))
  const root = stmts.find((s) => both(s) && s.principals.some(isRoot))
  const isRole = (p: string) => (ctx.role ? p === ctx.role : p.includes(':role/'))
  const role = stmts.find((s) => both(s) && s.principals.some(isRole))
  const name = 'Lets the role use the key (IAM delegation or an explicit allow)'
  const checks: Check[] = []
  if (root) {
    checks.push(pass(name, `${label(root)} lets IAM policies in the account grant the key (account root principal), so the role's permission policy takes effect.`, label(root)))
  } else if (role) {
    checks.push(pass(name, `${label(role)} allows ${role.principals.filter(isRole).join(', ')} to call kms:Encrypt and kms:Decrypt${ctx.role ? '' : ' (give the role ARN to check it is the one you register)'}.`, label(role)))
  } else {
    const statement = { Sid: 'AllowOpenAIEKMRole', Effect: 'Allow', Principal: { AWS: ctx.role ?? '<role-arn>' }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' }
    checks.push(
      fail(name, 'aws-kms-access-denied-key-policy', 'No statement allows the role to call kms:Encrypt and kms:Decrypt, and the account-root statement that lets IAM policies grant access is missing. Unless the key policy allows it, IAM policies cannot grant use of a KMS key.', `Add this statement to the key policy (aws kms put-key-policy):\n${json(statement)}`, 'Statement'),
    )
  }
  const principalMatters = (s: Statement) => !s.hasPrincipal || s.principals.some((p) => p === '*' || (ctx.role ? p === ctx.role : true))
  checks.push(denyChecks(stmts, '*', principalMatters, 'key policy'))
  return checks
}


export function analyzeDescribeKey(meta: Obj, ctx: AnalyzeContext): Check[] {
  const checks: Check[] = []
  const arn = text(meta.Arn)
  const spec = text(meta.KeySpec) ?? text(meta.CustomerMasterKeySpec)
  const usage = text(meta.KeyUsage)
  const state = text(meta.KeyState)
  const recreate = 'Create a new key: aws kms create-key --key-spec SYMMETRIC_DEFAULT --key-usage ENCRYPT_DECRYPT --description "OpenAI EKM" (a key\'s spec and usage cannot be changed), then register its ARN.'
  checks.push(
    spec === 'SYMMETRIC_DEFAULT'
      ? pass('Key spec is SYMMETRIC_DEFAULT', 'The key is a symmetric encryption key.', 'KeySpec')
      : fail('Key spec is SYMMETRIC_DEFAULT', 'aws-kms-wrong-key-type', `KeySpec is ${spec ?? 'missing'}; OpenAI needs a symmetric key (SYMMETRIC_DEFAULT).`, recreate, 'KeySpec'),
  )
  checks.push(
    usage === 'ENCRYPT_DECRYPT'
      ? pass('Key usage is ENCRYPT_DECRYPT', 'The key can encrypt and decrypt.', 'KeyUsage')
      : fail('Key usage is ENCRYPT_DECRYPT', 'aws-kms-wrong-key-type', `KeyUsage is ${usage ?? 'missing'}; OpenAI calls Encrypt and Decrypt.`, recreate, 'KeyUsage'),
  )
  const stateName = 'Key state is Enabled'
  if (state === 'Enabled' && meta.Enabled !== false) checks.push(pass(stateName, 'The key is enabled.', 'KeyState'))
  else if (state === 'Disabled' || (state === undefined && meta.Enabled === false)) checks.push(fail(stateName, 'aws-kms-key-disabled', 'The key is disabled; for OpenAI that is a revocation.', `aws kms enable-key --key-id ${arn ?? '<key-arn>'}`, 'KeyState'))
  else if (state === 'PendingDeletion') checks.push(fail(stateName, 'aws-kms-key-pending-deletion', `The key is scheduled for deletion${text(meta.DeletionDate) ? ` on ${meta.DeletionDate}` : ''}.`, `aws kms cancel-key-deletion --key-id ${arn ?? '<key-arn>'} && aws kms enable-key --key-id ${arn ?? '<key-arn>'}`, 'KeyState'))
  else checks.push(fail(stateName, 'aws-kms-key-invalid-state', `KeyState is ${state ?? 'missing'}; the key cannot be used in that state.`, state === 'PendingImport' ? 'Import the key material again (aws kms import-key-material).' : 'Wait for the key to become Enabled, or fix its key store.', 'KeyState'))
  const manager = text(meta.KeyManager)
  checks.push(
    manager === 'AWS'
      ? fail('Key is customer managed', 'aws-kms-access-denied-key-policy', 'This is an AWS managed key: its key policy cannot be changed, so it can never allow the role you register with OpenAI.', recreate, 'KeyManager')
      : pass('Key is customer managed', manager === 'CUSTOMER' ? 'KeyManager is CUSTOMER.' : 'KeyManager is not shown; AWS managed keys say AWS.', 'KeyManager'),
  )
  const origin = text(meta.Origin)
  const store = origin === 'EXTERNAL_KEY_STORE' ? 'an external key store (XKS): its proxy and external key manager must stay reachable for OpenAI\'s calls to work' : origin === 'AWS_CLOUDHSM' ? 'a CloudHSM key store: the cluster must stay connected' : origin === 'EXTERNAL' ? `imported key material${text(meta.ValidTo) ? `, which expires on ${meta.ValidTo}` : ''}: if it expires or is deleted the key stops working` : 'AWS KMS'
  checks.push(pass('Key origin noted', `The key material comes from ${store}.${meta.MultiRegion === true ? ' It is a multi-Region key.' : ''}`, 'Origin'))
  if (isKeyArn(ctx.key) && arn && arn !== ctx.key) {
    checks.push(fail('Output is for the registered key', 'aws-kms-key-not-found', `This output is for ${arn}, not ${ctx.key}.`, `aws kms describe-key --key-id ${ctx.key}`, 'Arn'))
  }
  return checks
}

/** Which AWS document this is, if any, and its analysis. */
export function analyzeAws(value: Value, ctx: AnalyzeContext): Analysis | null {
  if (!isObj(value)) return null
  if (isObj(value.KeyMetadata)) return { document: 'aws-describe-key', title: 'aws kms describe-key output', checks: analyzeDescribeKey(value.KeyMetadata, ctx) }
  if (isObj(value.Role) && value.Role.AssumeRolePolicyDocument !== undefined) {
    const trust = policyValue(value.Role.AssumeRolePolicyDocument)
    const checks = trust ? analyzeTrustPolicy(trust, ctx) : [skip("Trusts OpenAI's role for sts:AssumeRole", 'The AssumeRolePolicyDocument could not be read.')]
    const arn = text(value.Role.Arn)
    if (ctx.role && arn && arn !== ctx.role) checks.push(fail('Output is for the registered role', 'aws-assume-role-denied', `This output is for ${arn}, not ${ctx.role}.`, `aws iam get-role --role-name ${ctx.role.split('/').pop()}`, 'Role.Arn'))
    return { document: 'aws-get-role', title: 'aws iam get-role output', checks }
  }
  const keyPolicy = typeof value.Policy === 'string' ? policyValue(value.Policy) : undefined // get-key-policy output
  const version = isObj(value.PolicyVersion) ? policyValue(value.PolicyVersion.Document) : undefined // get-policy-version output
  const doc = keyPolicy ?? version ?? policyValue(value.PolicyDocument) ?? value
  const stmts = statements(doc)
  if (!stmts.length) return null
  const actions = stmts.flatMap((s) => [...s.actions, ...s.notActions]).map((a) => a.toLowerCase())
  const hasPrincipal = stmts.some((s) => s.hasPrincipal)
  if (hasPrincipal && actions.some((a) => a.startsWith('sts:assumerole')) && stmts.every((s) => !s.resources.length)) {
    return { document: 'aws-trust-policy', title: 'IAM role trust policy', checks: analyzeTrustPolicy(doc, ctx) }
  }
  if (!actions.some((a) => a.startsWith('kms:') || a === '*')) return null
  if (keyPolicy || hasPrincipal) return { document: 'aws-key-policy', title: 'KMS key policy', checks: analyzeKeyPolicy(doc, ctx) }
  return { document: 'aws-permission-policy', title: 'IAM permission policy', checks: analyzePermissionPolicy(doc, ctx) }
}
