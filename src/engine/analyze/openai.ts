/**
 * OpenAI documents: a Management API body for /v1/organization/external_keys (the registration
 * request, or the organization.external_key it returns), and any other request body that carries
 * the non-existent per-request `ekm_key_id` (ekm-facts §1.4, §2, §3 e).
 */
import type { Value } from '../object-literal.ts'
import { OPENAI_ROLE } from './aws.ts'
import { keyNameChecks } from './azure.ts'
import { fail, ORG_ID, pass, skip, text } from './checks.ts'
import { isObj, type Obj } from './iam.ts'
import type { Analysis, AnalyzeContext, Check } from './types.ts'

// UNVERIFIED: these two patterns come from a translated mirror of the API reference (ekm-facts §1.4, O10).
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/.+$/
const PROJECT_NUMBER = /^[0-9]{1,19}$/
// OpenAI's accepted kms_arn formats (O2): key/<uuid>, key/mrk-…, alias/<name>.
const KMS_ARN = /^arn:aws:kms:[a-z0-9-]+:\d{12}:(?:key\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})|alias\/[A-Za-z0-9/_-]+)$/
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// O4: https://<VAULT>.vault.azure.net/ (vault names: 3-24 letters, digits, hyphens, starting with a letter).
const VAULT_URI = /^https:\/\/[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]\.vault\.azure\.net\/?$/
// Field names from the help articles (O2-O5), which show "aws" and "azure" bodies. The "gcp" type
// value follows the provider variants of the translated mirror (UNVERIFIED).
const FIELDS: Record<string, string[]> = {
  aws: ['role_arn', 'kms_arn', 'external_id'],
  gcp: ['workload_identity_project_number', 'workload_identity_pool_id', 'workload_identity_provider_id', 'audience', 'kms_project_id', 'kms_key_ring_name', 'kms_key_name', 'kms_key_location'],
  azure: ['tenant_id', 'vault_uri', 'key_name'],
}

/** The corrected registration as a curl command (response-only fields dropped). */
function register(body: Obj, changes: Obj): string {
  const { id: _id, object: _object, created_at: _created, ...rest } = { ...body, ...changes }
  return `Register it with the corrected body (a registered key is not edited in place; delete the old one once no project uses it):\ncurl https://api.openai.com/v1/organization/external_keys \\\n  -H "Authorization: Bearer $OPENAI_ADMIN_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${JSON.stringify(rest, null, 2)}'`
}

const shown = (v: Value | undefined) => (v === undefined || v === null || v === '' ? 'missing' : JSON.stringify(v))

/** external_id / audience: an org or project id, and the registering org when given. */
function idCheck(name: string, field: string, body: Obj, ctx: AnalyzeContext, id: string, why: string, also = ''): Check {
  const v = text(body[field])
  const fix = (lookup: string) => `${lookup}${also}${register(body, { [field]: ctx.org ?? 'org-<your-org-id>' })}`
  if (!v || !ORG_ID.test(v)) return fail(name, id, `${field} is ${shown(body[field])}, not an OpenAI organization ID (org-…) or API project ID (proj_…). ${why}`, fix('Your organization ID is on https://platform.openai.com/settings/organization/general.\n'), field)
  if (!ctx.org) return skip(name, `${field} is ${v}; give the org ID that registers the key (context "org", or --org) to check it is the same one.`, field)
  if (v === ctx.org) return pass(name, `${field} is ${v}.`, field)
  if (v.startsWith('proj') !== ctx.org.startsWith('proj')) return skip(name, `${field} is ${v} and the registering ID is ${ctx.org}; a project ID is fine if that project belongs to the organization.`, field)
  return fail(name, id, `${field} is ${v}, not ${ctx.org}, the organization that registers the key (a personal org ID is a common mix-up). ${why}`, fix(''), field)
}

function awsChecks(body: Obj, ctx: AnalyzeContext): Check[] {
  const role = text(body.role_arn)
  const kms = text(body.kms_arn)
  const roleName = 'role_arn is the ARN of your IAM role'
  const kmsName = 'kms_arn is a KMS key or alias ARN'
  const roleFix = `aws iam get-role --role-name <role-name> --query Role.Arn --output text\n${register(body, { role_arn: 'arn:aws:iam::<account-id>:role/<role-name>' })}`
  return [
    role === OPENAI_ROLE
      ? fail(roleName, 'aws-assume-role-denied', `role_arn is OpenAI's own role (${OPENAI_ROLE}); it must be the role in your account that trusts it.`, roleFix, 'role_arn')
      : role && ROLE_ARN.test(role)
        ? pass(roleName, `role_arn is ${role}.`, 'role_arn')
        : fail(roleName, 'aws-assume-role-denied', `role_arn is ${shown(body.role_arn)}; it must match ^arn:aws:iam::<12 digits>:role/<name> (a user, instance-profile or assumed-role ARN is not a role ARN). A wrong role ARN gives the same AssumeRole error as a wrong trust policy.`, roleFix, 'role_arn'),
    kms && KMS_ARN.test(kms)
      ? pass(kmsName, `kms_arn is ${kms}.`, 'kms_arn')
      : fail(kmsName, 'aws-kms-invalid-key-id', `kms_arn is ${shown(body.kms_arn)}; OpenAI accepts arn:aws:kms:<region>:<account>:key/<uuid>, …:key/mrk-…, or …:alias/<name>${kms && !kms.startsWith('arn:') ? ' (a bare key ID or alias name is not an ARN)' : ''}.`, `aws kms describe-key --key-id <key-id-or-alias> --query KeyMetadata.Arn --output text\n${register(body, { kms_arn: 'arn:aws:kms:<region>:<account-id>:key/<key-id>' })}`, 'kms_arn'),
    idCheck('external_id is your OpenAI organization or project ID', 'external_id', body, ctx, 'aws-assume-role-denied', 'It must equal the sts:ExternalId in the role\'s trust policy.'),
  ]
}

function gcpChecks(body: Obj, ctx: AnalyzeContext): Check[] {
  const checks: Check[] = []
  const number = text(body.workload_identity_project_number)
  const numberName = 'workload_identity_project_number is a project number'
  checks.push(
    number && PROJECT_NUMBER.test(number)
      ? pass(numberName, `workload_identity_project_number is ${number}.`, 'workload_identity_project_number')
      : fail(numberName, 'gcp-sts-invalid-audience', `workload_identity_project_number is ${shown(body.workload_identity_project_number)}; it must be the pool project's number (digits), not its project ID. OpenAI builds the STS audience from it.`, `gcloud projects describe ${number && !PROJECT_NUMBER.test(number) ? number : '<wif-project-id>'} --format="value(projectNumber)"\n${register(body, { workload_identity_project_number: '<project-number>' })}`, 'workload_identity_project_number'),
  )
  for (const field of ['workload_identity_pool_id', 'workload_identity_provider_id']) {
    const v = text(body[field])
    const name = `${field} is set to a plain ID`
    checks.push(
      v && !v.includes('/')
        ? pass(name, `${field} is ${v}.`, field)
        : fail(name, 'gcp-sts-invalid-audience', `${field} is ${shown(body[field])}; it must be the ID alone (not a full resource name), exactly as in Google Cloud.`, `gcloud iam workload-identity-pools providers list --workload-identity-pool=<pool-id> --location=global --project=<wif-project-id> --format="value(name)"\n${register(body, { [field]: field.endsWith('pool_id') ? '<pool-id>' : '<provider-id>' })}`, field),
    )
  }
  const allow = `gcloud iam workload-identity-pools providers update-oidc <provider-id> --workload-identity-pool=<pool-id> --location=global --project=<wif-project-id> --allowed-audiences=${ctx.org ?? 'org-<your-org-id>'}\n`
  checks.push(idCheck('audience is your OpenAI organization or project ID', 'audience', body, ctx, 'gcp-sts-audience-mismatch', 'It must also be in the provider\'s Allowed audiences.', allow))
  const kms = ['kms_project_id', 'kms_key_ring_name', 'kms_key_name', 'kms_key_location']
  const bad = kms.filter((f) => !text(body[f]) || (f !== 'kms_project_id' && text(body[f])!.includes('/')))
  checks.push(
    bad.length
      ? fail('Key coordinates are set', 'gcp-kms-not-found', `${bad.map((f) => `${f} is ${shown(body[f])}`).join('; ')}. Each must be the short name (no slashes) of the project, key ring, key and location that hold the key.`, `gcloud kms keys list --keyring=<key-ring> --location=<location> --project=<kms-project-id> --format="value(name)"\n${register(body, Object.fromEntries(bad.map((f) => [f, `<${f.replace('kms_', '').replace(/_/g, '-')}>`])))}`, bad[0])
      : pass('Key coordinates are set', `The key is projects/${body.kms_project_id}/locations/${body.kms_key_location}/keyRings/${body.kms_key_ring_name}/cryptoKeys/${body.kms_key_name}.`, 'kms_key_name'),
  )
  return checks
}

function azureChecks(body: Obj, ctx: AnalyzeContext): Check[] {
  const tenant = text(body.tenant_id)
  const uri = text(body.vault_uri)
  const key = text(body.key_name)
  const goodName = `${ctx.org && ctx.org.startsWith('org-') ? ctx.org : 'org-<your-org-id>'}--${key?.split('--').pop()?.replace(/[^0-9a-zA-Z-]/g, '-') || 'openai-ekm'}`
  return [
    tenant && GUID.test(tenant)
      ? pass('tenant_id is a tenant ID', `tenant_id is ${tenant}.`, 'tenant_id')
      : fail('tenant_id is a tenant ID', 'azure-tenant-not-found', `tenant_id is ${shown(body.tenant_id)}; it must be the Microsoft Entra tenant ID (a GUID) of the tenant where OpenAI's service principal exists.`, `az account show --query tenantId --output tsv\n${register(body, { tenant_id: '<tenant-id>' })}`, 'tenant_id'),
    uri && VAULT_URI.test(uri)
      ? pass('vault_uri is a Key Vault URI', `vault_uri is ${uri}.`, 'vault_uri')
      : fail('vault_uri is a Key Vault URI', 'azure-keyvault-key-not-found', `vault_uri is ${shown(body.vault_uri)}; it must be the vault's URI, https://<vault-name>.vault.azure.net/${uri?.includes('/keys/') ? ' (not a key identifier: the key goes in key_name)' : ''}. A wrong vault gives "not found" or ForbiddenByRbac.`, `az keyvault show --name <vault-name> --query properties.vaultUri --output tsv\n${register(body, { vault_uri: 'https://<vault-name>.vault.azure.net/' })}`, 'vault_uri'),
    ...keyNameChecks(key, ctx, 'key_name', `Key Vault keys cannot be renamed: create a key with a matching name, assign the role on it, and register that name:\naz keyvault key create --vault-name <vault-name> --name ${goodName} --kty RSA --size 3072\n${register(body, { key_name: goodName })}`),
  ]
}

/** Where `ekm_key_id` (or an `OpenAI-Beta: ekm-…` header) sits in a body, if anywhere. */
function ekmParam(v: Value, path: string, depth = 0): string | undefined {
  if (depth > 8) return undefined
  if (Array.isArray(v)) return v.map((x, i) => ekmParam(x, `${path}[${i}]`, depth + 1)).find(Boolean)
  if (!isObj(v)) return undefined
  for (const [k, x] of Object.entries(v)) {
    const at = path ? `${path}.${k}` : k
    if (k.toLowerCase() === 'ekm_key_id') return at
    if (k.toLowerCase() === 'openai-beta' && typeof x === 'string' && /ekm/i.test(x)) return at
    const inner = ekmParam(x, at, depth + 1)
    if (inner) return inner
  }
  return undefined
}

function requestChecks(at: string): Check[] {
  return [
    fail(
      'No per-request EKM parameter',
      'openai-ekm-per-request-param',
      `${at} is not an OpenAI parameter: there is no per-request EKM parameter or beta header. EKM is set per project (API) or per workspace (ChatGPT).`,
      'Remove it. Register the key (POST /v1/organization/external_keys), create a new project with that key, and call the API with a key from that project:\ncurl https://api.openai.com/v1/organization/projects \\\n  -H "Authorization: Bearer $OPENAI_ADMIN_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d \'{"name": "ekm-project", "external_key_id": "extkey_xxxx"}\'',
      at,
    ),
  ]
}

/** Which OpenAI document this is, if any, and its analysis. */
export function analyzeOpenAIRegistration(value: Value, ctx: AnalyzeContext): Analysis | null {
  if (!isObj(value)) return null
  const type = text(value.type)
  if (type && FIELDS[type] && FIELDS[type].some((f) => value[f] !== undefined)) {
    const checks = type === 'aws' ? awsChecks(value, ctx) : type === 'gcp' ? gcpChecks(value, ctx) : azureChecks(value, ctx)
    const kind = value.object === 'organization.external_key' ? 'registered external key' : 'external key registration'
    return { document: `openai-external-key-${type}`, title: `OpenAI ${kind} (${type})`, checks }
  }
  const at = ekmParam(value, '')
  return at ? { document: 'openai-request-body', title: 'OpenAI API request body', checks: requestChecks(at) } : null
}
