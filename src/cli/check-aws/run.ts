/**
 * `ekm-doctor check aws`: the live checklist. Each step reads one thing from the account and runs
 * the same analyzers as a pasted document; a step that cannot read says which permission it needs,
 * and the rest go on.
 */
import { randomBytes } from 'node:crypto'
import { analyzeDescribeKey, analyzeKeyPolicy, analyzePermissionPolicy, analyzeTrustPolicy, permissionPolicySnippet, trustPolicySnippet } from '../../engine/analyze/aws.ts'
import { policyValue, type Obj } from '../../engine/analyze/iam.ts'
import type { Check } from '../../engine/analyze/types.ts'
import { checklist, type CheckLine, type Classifier, type Reporter } from '../check/checklist.ts'
import type { AwsApi } from './aws.ts'
import { classify, type CallFailure } from './failure.ts'

export interface CheckAwsOptions {
  key: string
  role: string
  org: string
  roundtrip: boolean
}

export const KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/[\w\/+=.@-]+$/
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/
export { ORG_ID as ORG } from '../../engine/analyze/checks.ts'

const compact = (doc: string) => JSON.stringify(JSON.parse(doc))

export async function checkAws(o: CheckAwsOptions, api: AwsApi, report: Reporter, classifyError: Classifier): Promise<CheckLine[]> {
  const { lines, emit, fromCheck, skipRest, step } = checklist(report, classify)
  const roleName = ROLE_ARN.exec(o.role)![2]
  /** A call that could not be made: a fail with its symptom when the error is one, else "could not check". */
  const failedCall = (name: string, f: CallFailure, permission: string): CheckLine => {
    if (f.kind === 'denied') return { name, status: 'skip', detail: `Could not check: your credentials lack ${permission} (${f.name}).` }
    if (f.kind === 'throttled') return { name, status: 'skip', detail: `Could not check: AWS throttled the request (${f.name}) after 3 attempts. Run the check again in a minute.` }
    if (f.kind === 'network') return { name, status: 'skip', detail: `Could not check: AWS could not be reached (${f.name}: ${f.message}).` }
    const id = classifyError(`${f.name}: ${f.message}`)
    return id ? { name, status: 'fail', id, detail: `${f.name}: ${f.message}` } : { name, status: 'skip', detail: `Could not check: ${f.name}: ${f.message}` }
  }

  // 1. Credentials
  const who = await step('Credentials work', () => api.callerIdentity())
  if (!who.ok) {
    const f = who.failure
    const detail =
      f.kind === 'credentials' && /CredentialsProviderError/.test(f.name)
        ? 'No AWS credentials found. Configure a profile (aws configure or aws sso login) and pass --profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.'
        : f.kind === 'credentials' && /Expired/.test(f.name + f.message)
          ? `Your session token has expired (${f.name}). Refresh your credentials (for example aws sso login) and run the check again.`
          : f.kind === 'network'
            ? `Could not reach AWS STS (${f.name}: ${f.message}). Check the network, a proxy, or the endpoint settings (AWS_ENDPOINT_URL…).`
            : `${f.name}: ${f.message}`
    // Out of reach is not a fault of the setup: nothing could be checked, which is not a pass either.
    if (f.kind === 'network') emit({ name: 'Credentials work', status: 'skip', detail })
    else emit({ name: 'Credentials work', status: 'fail', id: 'aws-credentials-invalid', detail, fix: 'aws sts get-caller-identity   # should print your account and ARN' })
    skipRest(['Key resolves', 'Key policy lets the role use the key', "Role trusts OpenAI's role with your org id", 'Role permission policies allow kms:Encrypt and kms:Decrypt on the key'], 'the credentials do not work.')
    return lines
  }
  emit({ name: 'Credentials work', status: 'pass', detail: `Signed in as ${who.value.Arn} (account ${who.value.Account}).` })

  // 2. Key
  const described = await step('Key resolves', () => api.describeKey(o.key))
  let keyArn: string | undefined
  if (!described.ok) {
    emit(failedCall('Key resolves', described.failure, 'kms:DescribeKey on the key'))
  } else {
    const meta = described.value.KeyMetadata!
    keyArn = meta.Arn!
    const given = KEY_ARN.exec(o.key)!
    const resolved = KEY_ARN.exec(keyArn)
    const alias = given[3] === 'alias' ? ` (alias ${o.key})` : ''
    if (resolved && (resolved[1] !== given[1] || resolved[2] !== given[2])) {
      emit({ name: 'Key resolves', status: 'fail', id: 'aws-kms-key-not-found', detail: `${o.key} resolved to ${keyArn}, in another region or account than the ARN names.`, fix: `aws kms describe-key --key-id ${o.key} --region ${given[1]}` })
    } else {
      emit({ name: 'Key resolves', status: 'pass', detail: `${keyArn}${alias}, region ${given[1]}, account ${given[2]}${given[2] !== who.value.Account ? ' (another account than your credentials: cross-account)' : ''}.` })
    }
    for (const c of analyzeDescribeKey(JSON.parse(JSON.stringify(meta)) as Obj, { key: keyArn })) emit(fromCheck(c))
  }

  // 3. Key policy
  const ctx = { org: o.org, role: o.role, key: keyArn }
  if (!keyArn) skipRest(['Key policy lets the role use the key'], 'the key did not resolve.')
  else {
    const policy = await step('Key policy lets the role use the key', () => api.keyPolicy(keyArn!))
    if (!policy.ok) emit(failedCall('Key policy lets the role use the key', policy.failure, 'kms:GetKeyPolicy on the key'))
    else {
      const doc = policyValue(policy.value.Policy)
      const fix = (c: Check) =>
        c.id === 'aws-kms-access-denied-key-policy'
          ? `aws kms get-key-policy --key-id ${keyArn} --policy-name default --output text > key-policy.json\n# ${c.fix?.split('\n')[0]}\n${c.fix?.split('\n').slice(1).join('\n')}\naws kms put-key-policy --key-id ${keyArn} --policy-name default --policy file://key-policy.json`
          : c.fix
      for (const c of doc ? analyzeKeyPolicy(doc, ctx) : []) emit(fromCheck(c, fix))
    }
  }

  // 4. Role: trust policy, then permission policies
  const role = await step("Role trusts OpenAI's role with your org id", () => api.role(roleName))
  if (!role.ok) {
    const f = role.failure
    if (f.kind === 'not-found') {
      emit({ name: "Role trusts OpenAI's role with your org id", status: 'fail', id: 'aws-assume-role-denied', detail: `The role ${o.role} does not exist (${f.name}).`, fix: `aws iam create-role --role-name ${roleName} --assume-role-policy-document '${compact(trustPolicySnippet(o.org))}'` })
    } else emit(failedCall("Role trusts OpenAI's role with your org id", f, 'iam:GetRole on the role'))
  } else {
    const trust = policyValue(role.value.Role?.AssumeRolePolicyDocument)
    const fix = () => `aws iam update-assume-role-policy --role-name ${roleName} --policy-document '${compact(trustPolicySnippet(o.org))}'`
    for (const c of trust ? analyzeTrustPolicy(trust, ctx) : []) emit(fromCheck(c, fix))
  }
  const permissions = await step('Role permission policies allow kms:Encrypt and kms:Decrypt on the key', () => rolePolicies(api, roleName))
  if (!permissions.ok) emit(failedCall('Role permission policies allow kms:Encrypt and kms:Decrypt on the key', permissions.failure, 'iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies, iam:GetPolicy and iam:GetPolicyVersion on the role and its policies'))
  else {
    const fix = (c: Check) =>
      c.id === 'aws-kms-access-denied-identity-policy' ? `aws iam put-role-policy --role-name ${roleName} --policy-name openai-ekm-encrypt-decrypt --policy-document '${compact(permissionPolicySnippet(keyArn))}'` : c.fix
    for (const c of analyzePermissionPolicy(permissions.value, ctx)) emit(fromCheck(c, fix))
  }

  // 5. Optional round trip with the caller's own credentials
  if (o.roundtrip) {
    const name = 'Round trip: Encrypt then Decrypt with your credentials'
    if (!keyArn) skipRest([name], 'the key did not resolve.')
    else {
      const plaintext = randomBytes(32)
      const trip = await step(name, async () => {
        const { CiphertextBlob } = await api.encrypt(keyArn!, plaintext)
        const { Plaintext } = await api.decrypt(keyArn!, CiphertextBlob!)
        return Buffer.from(Plaintext!).equals(plaintext)
      })
      const own = { decides: false } as const
      if (!trip.ok) emit({ ...failedCall(name, trip.failure, 'kms:Encrypt and kms:Decrypt on the key for your own credentials'), ...own })
      else emit(trip.value ? { name, status: 'pass', detail: 'The key encrypts and decrypts. This tests the key with your credentials, not OpenAI\'s access through the role.', ...own } : { name, status: 'fail', id: 'aws-kms-ciphertext-mismatch', detail: 'Decrypt returned different bytes than were encrypted.', ...own })
    }
  }
  return lines
}

/** Inline and attached policies of a role, merged into one document; each statement named after its policy. */
async function rolePolicies(api: AwsApi, roleName: string): Promise<Obj> {
  const statements: Obj[] = []
  const add = (policyName: string, raw: string | undefined) => {
    const doc = policyValue(raw)
    const list = doc ? (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) : []
    list.forEach((s, i) => {
      if (s && typeof s === 'object' && !Array.isArray(s)) statements.push({ ...s, Sid: `${policyName}/${typeof s.Sid === 'string' ? s.Sid : i}` })
    })
  }
  for (const name of (await api.inlinePolicyNames(roleName)).PolicyNames ?? []) add(name, (await api.inlinePolicy(roleName, name)).PolicyDocument)
  for (const attached of (await api.attachedPolicies(roleName)).AttachedPolicies ?? []) {
    const version = (await api.policy(attached.PolicyArn!)).Policy?.DefaultVersionId
    if (version) add(attached.PolicyName ?? attached.PolicyArn!, (await api.policyVersion(attached.PolicyArn!, version)).PolicyVersion?.Document)
  }
  return { Version: '2012-10-17', Statement: statements }
}
