/**
 * AWS resources in infrastructure code, checked by the same analyzers as pasted documents: the
 * KMS key (spec, usage, enabled, key policy), the role OpenAI assumes (trust policy) and the
 * policies that give it kms:Encrypt and kms:Decrypt. Corrected snippets are in the code's language.
 */
import { analyzeDescribeKey, analyzeKeyPolicy, analyzePermissionPolicy, analyzeTrustPolicy, OPENAI_ROLE } from '../analyze/aws.ts'
import { policyValue } from '../analyze/iam.ts'
import type { AnalyzeContext, Check } from '../analyze/types.ts'
import type { Value } from '../object-literal.ts'
import { note, setting } from './render.ts'
import { escapeRegExp, isObj, isReference, ofType, onResource, unknownSkip, type IacResource, type IacSet, type Obj } from './resource.ts'

type Field = Record<IacSet['dialect'], string>
const F = {
  spec: { terraform: 'customer_master_key_spec', cloudformation: 'KeySpec' },
  usage: { terraform: 'key_usage', cloudformation: 'KeyUsage' },
  enabled: { terraform: 'is_enabled', cloudformation: 'Enabled' },
  keyPolicy: { terraform: 'policy', cloudformation: 'KeyPolicy' },
  trust: { terraform: 'assume_role_policy', cloudformation: 'AssumeRolePolicyDocument' },
  policy: { terraform: 'policy', cloudformation: 'PolicyDocument' },
} satisfies Record<string, Field>

const TYPES = {
  key: ['aws_kms_key', 'AWS::KMS::Key'],
  keyPolicy: ['aws_kms_key_policy'],
  role: ['aws_iam_role', 'AWS::IAM::Role'],
  rolePolicy: ['aws_iam_role_policy'],
  policy: ['aws_iam_policy', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'],
  attachment: ['aws_iam_role_policy_attachment'],
}

/** How code refers to a resource's attribute: ${aws_kms_key.openai.arn} or ${OpenAIKey.Arn}. */
const ref = (set: IacSet, r: IacResource, attr: 'arn' | 'id' | 'name') =>
  set.dialect === 'terraform' ? `\${${r.address}.${attr}}` : attr === 'arn' ? `\${${r.address}.Arn}` : `\${${r.address}}`
/** Whether a value names the resource (any of its attributes, or its literal name). */
const names = (set: IacSet, r: IacResource, v: Value | undefined) =>
  typeof v === 'string' && (v.includes(set.dialect === 'terraform' ? `${r.address}.` : `\${${r.address}`) || (typeof r.values.name === 'string' && v === r.values.name) || v === r.values.RoleName)

/** A policy document from an attribute: an object, a JSON string, or a reference to an aws_iam_policy_document's json. */
function policyOf(set: IacSet, r: IacResource, field: string): { doc?: Obj; unknown?: string; from?: IacResource } {
  if (r.unknown.has(field)) return { unknown: `${r.address}.${field}` }
  const v = r.values[field]
  if (typeof v === 'string' && /^\$\{[^}]*\}$/.test(v.trim())) {
    const source = set.resources.find((d) => d.type === 'data.aws_iam_policy_document' && v.includes(`${d.address}.json`))
    if (source && !source.unknown.has('json')) return { doc: policyValue(source.values.json), from: source }
    return { unknown: `${r.address}.${field} (${v})` }
  }
  const doc = policyValue(v)
  return !doc && isReference(v) ? { unknown: `${r.address}.${field}` } : { doc }
}


/** The analyzer's JSON snippet, rewritten as the setting in the code's language. */
function policyFix(set: IacSet, c: Check, field: string): Check {
  if (c.status !== 'fail' || !c.fix) return c
  const start = c.fix.indexOf('{')
  let value: Value | undefined
  try {
    value = start >= 0 ? (JSON.parse(c.fix.slice(start)) as Value) : undefined
  } catch {
    value = undefined
  }
  if (!isObj(value)) return { ...c, fix: note(set.language, c.fix) }
  const whole = isObj(value) && 'Statement' in value
  const snippet = setting(set.language, whole ? field : 'Statement', whole ? value : [value], { jsonencode: whole })
  return { ...c, fix: whole ? snippet : `${note(set.language, `Add this statement to ${field}:`)}\n${snippet}` }
}


/** The analyzer's policy snippet as the statement blocks of an aws_iam_policy_document. */
function documentFix(c: Check): Check {
  if (c.status !== 'fail' || !c.fix) return c
  const doc = policyValue(c.fix.slice(Math.max(0, c.fix.indexOf('{'))))
  const statements = doc ? ([] as Value[]).concat(doc.Statement ?? []).filter(isObj) : []
  if (!statements.length) return { ...c, fix: note('hcl', c.fix) }
  const list = (v: Value | undefined) => ([] as Value[]).concat(v ?? [])
  const block = (s: Obj) =>
    ['statement {', ...(s.Sid ? [`  ${setting('hcl', 'sid', s.Sid)}`] : []), `  ${setting('hcl', 'effect', s.Effect ?? 'Allow')}`, `  ${setting('hcl', 'actions', list(s.Action))}`, `  ${setting('hcl', 'resources', list(s.Resource))}`, '}'].join('\n')
  return { ...c, fix: statements.map(block).join('\n') }
}

function keyChecks(set: IacSet, key: IacResource, ctx: AnalyzeContext): Check[] {
  const d = set.dialect
  const v = key.values
  const checks: Check[] = []
  const named = { KeySpec: F.spec, KeyUsage: F.usage, KeyState: F.enabled }
  const unknown = (Object.entries(named) as [keyof typeof named, Field][]).filter(([, f]) => key.unknown.has(f[d]) || isReference(v[f[d]]))
  // Terraform and CloudFormation default to a symmetric, enabled encryption key.
  // Imported key material (CloudFormation's Origin: EXTERNAL) leaves the key pending import until it is imported.
  const pendingImport = d === 'cloudformation' && v.Origin === 'EXTERNAL'
  const meta: Obj = {
    KeySpec: (v[F.spec[d]] as Value) ?? (d === 'terraform' ? v.key_spec : undefined) ?? 'SYMMETRIC_DEFAULT',
    KeyUsage: (v[F.usage[d]] as Value) ?? 'ENCRYPT_DECRYPT',
    KeyState: pendingImport ? 'PendingImport' : v[F.enabled[d]] === false || v[F.enabled[d]] === 'false' ? 'Disabled' : 'Enabled',
    KeyManager: 'CUSTOMER',
  }
  const fixes: Record<string, string> = {
    KeySpec: `${setting(set.language, F.spec[d], 'SYMMETRIC_DEFAULT')}\n${note(set.language, "A key's spec cannot change: applying this replaces the key, so register the new key and keep the old one while data encrypted with it is needed.")}`,
    KeyUsage: `${setting(set.language, F.usage[d], 'ENCRYPT_DECRYPT')}\n${note(set.language, "A key's usage cannot change: applying this replaces the key.")}`,
    KeyState: pendingImport ? note(set.language, 'Import the key material (aws kms get-parameters-for-import, then aws kms import-key-material), or create the key without Origin EXTERNAL.') : setting(set.language, F.enabled[d], true),
  }
  for (const c of analyzeDescribeKey(meta, {})) {
    if (!c.at || !(c.at in named)) continue
    const field = named[c.at as keyof typeof named][d]
    if (unknown.some(([k]) => k === c.at)) checks.push(onResource(key)(unknownSkip('check aws', c.name, `${key.address}.${field}`)))
    else checks.push(onResource(key)({ ...c, at: field, ...(c.status === 'fail' && { fix: fixes[c.at] }) }))
  }

  // The key policy: on the key, or in a separate aws_kms_key_policy.
  const separate = ofType(set, ...TYPES.keyPolicy).find((p) => names(set, key, p.values.key_id as Value) || ofType(set, ...TYPES.key).length === 1)
  const holder = separate ?? key
  const field = separate ? 'policy' : F.keyPolicy[d]
  const policy = policyOf(set, holder, field)
  const policyName = 'Lets the role use the key (IAM delegation or an explicit allow)'
  if (policy.unknown) checks.push(onResource(holder)(unknownSkip('check aws', policyName, policy.unknown)))
  else if (!policy.doc && holder.values[field] === undefined) {
    checks.push(onResource(key)({ name: policyName, status: 'pass', detail: 'No key policy is set, so the key gets the default key policy, which lets IAM policies in the account grant the key.', at: field }))
  } else if (policy.doc) {
    const roles = ekmRoles(set)
    const role = ctx.role ?? (roles.length === 1 ? ref(set, roles[0], 'arn') : undefined)
    const doc = role && roles.length === 1 ? samePrincipal(policy.doc, rolePattern(set, roles[0]), role) : policy.doc
    for (const c of analyzeKeyPolicy(doc, { ...ctx, role, key: ctx.key })) checks.push(onResource(holder)(policyFix(set, c, field)))
  }
  return checks
}

/** Every way code writes the role's ARN: a reference to it, or an ARN built from its name. */
function rolePattern(set: IacSet, role: IacResource): RegExp {
  const literal = role.values[set.dialect === 'terraform' ? 'name' : 'RoleName']
  const name = typeof literal === 'string' ? escapeRegExp(literal) : '\u0000' // no literal name: matches nothing
  const ref = escapeRegExp(role.address)
  const byName = `arn:aws[\\w-]*:iam::[^:]*:role/(?:[^/]*/)*(?:\\$\\{${ref}(?:\\.(?:name|id))?\\}|${name})`
  return new RegExp(`^(?:\\$\\{${ref}\\.(?:arn|Arn)\\}|${byName})$`)
}

/** The policy with each principal that is the role written one way: the analyzers compare strings. */
function samePrincipal(v: Value, pattern: RegExp, canonical: string): Obj {
  const map = (x: Value): Value => (typeof x === 'string' ? (pattern.test(x) ? canonical : x) : Array.isArray(x) ? x.map(map) : isObj(x) ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, map(y)])) : x)
  return map(v) as Obj
}

/** The roles meant for OpenAI: those that trust its account, else the only role. */
function ekmRoles(set: IacSet): IacResource[] {
  const roles = ofType(set, ...TYPES.role)
  const trusting = roles.filter((r) => JSON.stringify(policyOf(set, r, F.trust[set.dialect]).doc ?? r.values[F.trust[set.dialect]] ?? '').includes(OPENAI_ROLE.split(':')[4]))
  return trusting.length ? trusting : roles.length === 1 ? roles : []
}

/** Every statement that grants the role something: inline, attached, or a policy that names the role. */
/** Every statement that grants the role something, and the resources that hold them (the role for inline policies). */
function roleStatements(set: IacSet, role: IacResource): { statements: Value[]; unknown: string[]; holders: IacResource[] } {
  const d = set.dialect
  const docs: { doc?: Obj; unknown?: string; holder: IacResource }[] = []
  if (d === 'terraform') {
    for (const inline of Array.isArray(role.values.inline_policy) ? role.values.inline_policy : []) if (isObj(inline) && inline.policy !== undefined) docs.push({ doc: policyValue(inline.policy), holder: role })
    for (const p of ofType(set, ...TYPES.rolePolicy)) {
      if (!names(set, role, p.values.role as Value) && !p.unknown.has('role')) continue
      const policy = policyOf(set, p, 'policy')
      docs.push({ ...policy, holder: policy.from ?? p })
    }
    for (const a of ofType(set, ...TYPES.attachment)) {
      if (!names(set, role, a.values.role as Value)) continue
      const policy = ofType(set, ...TYPES.policy).find((p) => names(set, p, a.values.policy_arn as Value))
      docs.push(policy ? { ...policyOf(set, policy, 'policy'), holder: policy } : { unknown: `${a.address}.policy_arn (${String(a.values.policy_arn)}), a policy not in this code`, holder: a })
    }
  } else {
    for (const inline of Array.isArray(role.values.Policies) ? role.values.Policies : []) if (isObj(inline)) docs.push({ doc: policyValue(inline.PolicyDocument), holder: role })
    for (const p of ofType(set, ...TYPES.policy)) {
      const attached = (Array.isArray(p.values.Roles) && p.values.Roles.some((r) => names(set, role, r))) || (Array.isArray(role.values.ManagedPolicyArns) && role.values.ManagedPolicyArns.some((a) => names(set, p, a)))
      if (attached) docs.push({ ...policyOf(set, p, F.policy[d]), holder: p })
    }
  }
  return {
    statements: docs.flatMap((x) => (x.doc ? ([] as Value[]).concat(x.doc.Statement ?? []) : [])),
    unknown: docs.flatMap((x) => (x.unknown ? [x.unknown] : [])),
    holders: [...new Set(docs.map((x) => x.holder))],
  }
}

function roleChecks(set: IacSet, role: IacResource, ctx: AnalyzeContext): Check[] {
  const d = set.dialect
  const checks: Check[] = []
  const trust = policyOf(set, role, F.trust[d])
  if (trust.unknown) checks.push(unknownSkip('check aws', "Trusts OpenAI's role for sts:AssumeRole", trust.unknown))
  else if (trust.doc) checks.push(...analyzeTrustPolicy(trust.doc, ctx).map((c) => policyFix(set, c, F.trust[d])))

  const keys = ofType(set, ...TYPES.key)
  const key = ctx.key ?? (keys.length === 1 ? ref(set, keys[0], 'arn') : undefined)
  const { statements, unknown, holders } = roleStatements(set, role)
  const permName = 'Role permission policies allow kms:Encrypt and kms:Decrypt on the key'
  const permissions: Check[] = []
  if (unknown.length) permissions.push(unknownSkip('check aws', permName, unknown.join(', ')))
  else {
    // One policy resource holds them: the fix goes there. Otherwise a policy of its own for the role.
    const holder = holders.length === 1 && holders[0] !== role ? holders[0] : undefined
    for (const c of analyzePermissionPolicy({ Version: '2012-10-17', Statement: statements as Value }, { ...ctx, key })) {
      const fixed = holder?.type === 'data.aws_iam_policy_document' ? documentFix(c) : policyFix(set, c, F.policy[d])
      const own = fixed.status === 'fail' && fixed.fix && d === 'terraform' && !holder
      permissions.push(own ? { ...fixed, fix: `resource "aws_iam_role_policy" "openai_ekm" {\n  role = ${role.address}.id\n  ${fixed.fix!.replace(/\n/g, '\n  ')}\n}` } : fixed)
    }
    return [...checks.map(onResource(role)), ...permissions.map(onResource(holder ?? role))]
  }
  return [...checks, ...permissions].map(onResource(role))
}

export function awsIacChecks(set: IacSet, ctx: AnalyzeContext): Check[] {
  return [...ofType(set, ...TYPES.key).flatMap((k) => keyChecks(set, k, ctx)), ...ekmRoles(set).flatMap((r) => roleChecks(set, r, ctx))]
}
