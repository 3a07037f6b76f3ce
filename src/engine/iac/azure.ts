/**
 * Azure resources in Terraform (azurerm), checked by the same analyzers as az's output: the Key
 * Vault key (type, operations, dates, name), the vault (permission model, network) and the role
 * assignments that give OpenAI's service principal the key.
 */
import { skip } from '../analyze/checks.ts'
import { analyzeAssignments, analyzeKeyShow, analyzeRole, analyzeVault, OPENAI_APP_ID, type Role } from '../analyze/azure.ts'
import type { AnalyzeContext, Check } from '../analyze/types.ts'
import type { Value } from '../object-literal.ts'
import { note, setting } from './render.ts'
import { firstBlock, isObj, isReference, ofType, onResource, unknownSkip, type IacResource, type IacSet, type Obj } from './resource.ts'

const known = (r: IacResource, field: string) => !r.unknown.has(field) && !isReference(r.values[field])

function keyChecks(key: IacResource, ctx: AnalyzeContext, now: Date): Check[] {
  const v = key.values
  const name = known(key, 'name') && typeof v.name === 'string' ? v.name : undefined
  const goodName = `${ctx.org?.startsWith('org-') ? ctx.org : 'org-<your-org-id>'}--openai-ekm`
  const replaces = note('hcl', "A key's type and name cannot change: applying this replaces the key, so assign the role on the new key and register it.")
  const fixes: Record<string, string> = {
    'key.kty': `${setting('hcl', 'key_type', 'RSA')}\n${setting('hcl', 'key_size', 3072)}\n${replaces}`,
    'key.keyOps': setting('hcl', 'key_opts', [...new Set([...(Array.isArray(v.key_opts) ? v.key_opts : []), 'encrypt', 'decrypt'])]),
    'attributes.expires': `${setting('hcl', 'expiration_date', `${now.getUTCFullYear() + 2}-12-31T00:00:00Z`)}\n${note('hcl', 'or remove expiration_date: EKM stops encrypting when the key expires')}`,
    'attributes.notBefore': note('hcl', 'remove not_before_date, or set it to a date that has passed'),
    'key.kid': `${setting('hcl', 'name', goodName)}\n${replaces}`,
  }
  const doc: Obj = {
    ...(name && { name }),
    key: { kty: known(key, 'key_type') ? (v.key_type ?? '') : 'RSA', ...(Array.isArray(v.key_opts) && { keyOps: v.key_opts }) },
    attributes: { enabled: true, ...(typeof v.expiration_date === 'string' && { expires: v.expiration_date }), ...(typeof v.not_before_date === 'string' && { notBefore: v.not_before_date }) },
  }
  const checks = analyzeKeyShow(doc, ctx, now).filter((c) => c.name !== 'Key is enabled' && c.name !== 'Output is for the registered key')
  // Key Vault's RSA keys are 2048, 3072 or 4096 bits (ekm-facts, Z2); the analyzer reads the size from the modulus, which code does not have.
  const size = v.key_size
  if (typeof size === 'number' && /^RSA/.test(String(v.key_type)) && ![2048, 3072, 4096].includes(size)) {
    checks.push({ name: 'Key size is one Key Vault offers', status: 'fail', id: 'azure-keyvault-wrong-key-type', detail: `key_size is ${size}; Key Vault's RSA keys are 2048, 3072 or 4096 bits.`, fix: `${setting('hcl', 'key_size', 3072)}\n${replaces}`, at: 'key_size' })
  }
  return checks
    .map((c) => (c.at === 'key.kty' && !known(key, 'key_type') ? skip(c.name, `${key.address}.key_type is known only after apply.`, c.at) : c))
    .map((c) => (c.status === 'fail' && c.at && fixes[c.at] ? { ...c, fix: fixes[c.at] } : c))
    .map(onResource(key))
}

const NEEDED_KEY_PERMISSIONS = ['Get', 'Encrypt', 'Decrypt']

/** The access policy in the code for OpenAI's service principal, and whether it gives get, encrypt and decrypt on keys. */
function openaiAccessPolicy(set: IacSet, vault: IacResource): { holder: IacResource; missing: string[] } | undefined {
  const openai = openaiPrincipals(set)
  const missing = (p: Obj) => {
    const perms = (Array.isArray(p.key_permissions) ? p.key_permissions : []).map((x) => String(x).toLowerCase())
    return NEEDED_KEY_PERMISSIONS.filter((x) => !perms.includes(x.toLowerCase()))
  }
  const inline = (Array.isArray(vault.values.access_policy) ? vault.values.access_policy : []).filter(isObj).find((p) => isOpenAIPrincipal(openai, String(p.object_id ?? '')))
  if (inline) return { holder: vault, missing: missing(inline) }
  const separate = ofType(set, 'azurerm_key_vault_access_policy').find((p) => isOpenAIPrincipal(openai, String(p.values.object_id ?? '')))
  return separate && { holder: separate, missing: missing(separate.values) }
}

function vaultChecks(set: IacSet, vault: IacResource): Check[] {
  const v = vault.values
  // azurerm 4 renamed enable_rbac_authorization to rbac_authorization_enabled; either may be in the code.
  const rbacField = v.rbac_authorization_enabled !== undefined ? 'rbac_authorization_enabled' : 'enable_rbac_authorization'
  const acls = firstBlock(v.network_acls)
  const doc: Obj = {
    ...(typeof v.name === 'string' && !isReference(v.name) && { name: v.name }),
    properties: {
      ...(known(vault, rbacField) && { enableRbacAuthorization: v[rbacField] === true }), // unset is false: access policies
      publicNetworkAccess: v.public_network_access_enabled === false ? 'Disabled' : 'Enabled',
      ...(acls && { networkAcls: { defaultAction: acls.default_action ?? 'Allow', bypass: acls.bypass ?? '' } }),
    },
  }
  const fixes: Record<string, string> = {
    'properties.enableRbacAuthorization': setting('hcl', rbacField, true),
    'properties.publicNetworkAccess': setting('hcl', 'public_network_access_enabled', true),
    'properties.networkAcls.defaultAction': `network_acls {\n  default_action = "Allow"\n  bypass         = ${JSON.stringify(acls?.bypass ?? 'AzureServices')}\n}`,
  }
  // OpenAI documents only RBAC; an access policy with get, encrypt and decrypt is ekm-facts' inference of what works instead.
  const policy = openaiAccessPolicy(set, vault)
  const model = (c: Check): Check => {
    if (!policy || c.status !== 'fail' || c.at !== 'properties.enableRbacAuthorization') return onResource(vault)(c)
    if (!policy.missing.length) return onResource(vault)({ name: c.name, status: 'pass', detail: `The vault uses access policies, and ${policy.holder.address} gives OpenAI's service principal get, encrypt and decrypt on keys. OpenAI documents only the RBAC model; this is what that model needs instead.`, at: rbacField })
    return onResource(policy.holder)({ ...c, detail: `The vault uses access policies, and OpenAI's access policy lacks ${policy.missing.join(', ')} on keys, so OpenAI's calls are refused with ForbiddenByPolicy.`, fix: setting('hcl', 'key_permissions', NEEDED_KEY_PERMISSIONS), at: 'key_permissions' })
  }
  return analyzeVault(doc)
    .map((c) => (c.status === 'fail' && c.at && fixes[c.at] ? { ...c, fix: fixes[c.at] } : c))
    .map(model)
    .map((c) => (c.at === 'properties.enableRbacAuthorization' ? { ...c, at: rbacField } : c))
}

/** OpenAI's service principal, looked up by its app id: data "azuread_service_principal" with client_id. */
function openaiPrincipals(set: IacSet): IacResource[] {
  return set.resources.filter((r) => /^(?:data\.)?azuread_service_principal$/.test(r.type) && [r.values.client_id, r.values.application_id].includes(OPENAI_APP_ID))
}

/** Whether a principal_id is OpenAI's service principal: a reference to its lookup, or (in a plan) the object id it read. */
const isOpenAIPrincipal = (openai: IacResource[], principal: string) => openai.some((p) => principal.includes(`${p.address}.`) || (typeof p.values.object_id === 'string' && principal === p.values.object_id))

/** A role definition in the code that an assignment names, in the shape the role analyzer reads. */
function roleDefinition(set: IacSet, assignment: IacResource): { def: IacResource; role: Role } | undefined {
  const ref = String(assignment.values.role_definition_id ?? '')
  const byName = assignment.values.role_definition_name
  const def = ofType(set, 'azurerm_role_definition').find((d) => ref.includes(`${d.address}.`) || (byName !== undefined && d.values.name === byName) || (ref && d.values.role_definition_resource_id === ref))
  if (!def) return undefined
  const perms = Array.isArray(def.values.permissions) ? def.values.permissions.filter(isObj) : []
  const list = (k: string) => perms.flatMap((p) => (Array.isArray(p[k]) ? p[k].filter((x): x is string => typeof x === 'string') : []))
  const scopes = Array.isArray(def.values.assignable_scopes) ? def.values.assignable_scopes.filter((x): x is string => typeof x === 'string') : []
  return { def, role: { name: String(def.values.name ?? def.address), at: 'permissions.data_actions', actions: list('actions'), dataActions: list('data_actions'), notDataActions: list('not_data_actions'), scopes, scopesAt: 'assignable_scopes' } }
}

function assignmentChecks(set: IacSet, key: IacResource | undefined, ctx: AnalyzeContext): Check[] {
  const assignments = ofType(set, 'azurerm_role_assignment')
  const openai = openaiPrincipals(set)
  const items = assignments.map((a): Obj => {
    const principal = typeof a.values.principal_id === 'string' ? a.values.principal_id : ''
    const isOpenAI = isOpenAIPrincipal(openai, principal)
    // The scope names the key by reference in code: ${azurerm_key_vault_key.openai.resource_versionless_id}.
    const scope = typeof a.values.scope === 'string' ? a.values.scope : ''
    const onKey = key && scope.includes(`${key.address}.`)
    return {
      scope: onKey ? `/subscriptions/…/providers/Microsoft.KeyVault/vaults/…/keys/${typeof key.values.name === 'string' ? key.values.name : 'key'}` : scope,
      roleDefinitionName: a.values.role_definition_name ?? a.values.role_definition_id ?? 'A role',
      ...(isOpenAI ? { appId: OPENAI_APP_ID } : { principalName: principal || 'unknown' }),
    }
  })
  const name = "Role assigned to OpenAI's service principal on the key"
  // A variable is filled in at apply and may be OpenAI's object id; another resource's id is someone else.
  const pending = assignments.filter((a) => a.unknown.has('principal_id') || /^\$\{(?:var|local)\./.test(String(a.values.principal_id ?? '')))
  const appIdAsPrincipal = assignments.find((a) => a.values.principal_id === OPENAI_APP_ID)
  if (appIdAsPrincipal) {
    return [onResource(appIdAsPrincipal)({ name, status: 'fail', id: 'azure-keyvault-forbidden-rbac', detail: `principal_id is ${OPENAI_APP_ID}, OpenAI's application (client) id. A role assignment needs the object id of OpenAI's service principal in your tenant, so this assignment grants nothing to it.`, fix: 'data "azuread_service_principal" "openai_ekm" {\n  client_id = "' + OPENAI_APP_ID + '"\n}\n\n' + setting('hcl', 'principal_id', '${data.azuread_service_principal.openai_ekm.object_id}'), at: 'principal_id' })]
  }
  const fix = `data "azuread_service_principal" "openai_ekm" {\n  client_id = "${OPENAI_APP_ID}"\n}\n\nresource "azurerm_role_assignment" "openai_ekm" {\n  scope                = ${key ? `${key.address}.resource_versionless_id` : '<key resource id>'}\n  role_definition_name = "<your custom role>"\n  principal_id         = data.azuread_service_principal.openai_ekm.object_id\n}`
  const checks = analyzeAssignments(items, ctx).map((c) => (c.status === 'fail' ? { ...c, fix } : c))
  if (checks.some((c) => c.status === 'fail') && pending.length) {
    return [skip(name, `${pending.map((a) => `${a.address}.principal_id`).join(', ')} is filled in when the code is applied; it must be the object id of OpenAI's service principal (appId ${OPENAI_APP_ID}), for example from data "azuread_service_principal" with client_id = "${OPENAI_APP_ID}".`)].map(onResource(pending[0]))
  }
  // The role OpenAI holds must grant the key's data actions: checked where the code defines the role.
  const granted = assignments.filter((a) => isOpenAIPrincipal(openai, String(a.values.principal_id ?? '')))
  const roles = granted.flatMap((a) => {
    const found = roleDefinition(set, a)
    return found ? analyzeRole(found.role).filter((c) => c.name !== 'Assignable scopes noted').map((c) => onResource(found.def)(c.status === 'fail' ? { ...c, fix: setting('hcl', 'permissions', { data_actions: ROLE_DATA_ACTIONS }) } : c)) : []
  })
  return [...checks.map(onResource(granted[0] ?? assignments[0] ?? key!)), ...roles]
}

const ROLE_DATA_ACTIONS = ['Microsoft.KeyVault/vaults/keys/encrypt/action', 'Microsoft.KeyVault/vaults/keys/decrypt/action', 'Microsoft.KeyVault/vaults/keys/read']

export function azureIacChecks(set: IacSet, ctx: AnalyzeContext, now: Date = new Date()): Check[] {
  if (set.dialect !== 'terraform') return []
  const keys = ofType(set, 'azurerm_key_vault_key')
  const vaults = ofType(set, 'azurerm_key_vault')
  const checks = [...keys.flatMap((k) => keyChecks(k, ctx, now)), ...vaults.flatMap((v) => vaultChecks(set, v))]
  // Role assignments decide access only on an RBAC vault; an EKM setup has the key and the vault.
  const rbac = vaults.some((v) => v.values.rbac_authorization_enabled === true || v.values.enable_rbac_authorization === true)
  if (keys.length === 1 && rbac) checks.push(...assignmentChecks(set, keys[0], ctx))
  return checks
}
