/**
 * Azure resources in Terraform (azurerm), checked by the same analyzers as az's output: the Key
 * Vault key (type, operations, dates, name), the vault (permission model, network) and the role
 * assignments that give OpenAI's service principal the key.
 */
import { skip } from '../analyze/checks.ts'
import { analyzeAssignments, analyzeKeyShow, analyzeVault, OPENAI_APP_ID } from '../analyze/azure.ts'
import type { AnalyzeContext, Check } from '../analyze/types.ts'
import type { Value } from '../object-literal.ts'
import { setting } from './render.ts'
import { firstBlock, isObj, isReference, onResource, unknownSkip, type IacResource, type IacSet, type Obj } from './resource.ts'

const ofType = (set: IacSet, type: string) => set.resources.filter((r) => r.type === type)
const known = (r: IacResource, field: string) => !r.unknown.has(field) && !isReference(r.values[field])

function keyChecks(key: IacResource, ctx: AnalyzeContext, now: Date): Check[] {
  const v = key.values
  const name = known(key, 'name') && typeof v.name === 'string' ? v.name : undefined
  const goodName = `${ctx.org?.startsWith('org-') ? ctx.org : 'org-<your-org-id>'}--openai-ekm`
  const replaces = "(A key's type and name cannot change: applying this replaces the key, so assign the role on the new key and register it.)"
  const fixes: Record<string, string> = {
    'key.kty': `${setting('hcl', 'key_type', 'RSA')}\n${setting('hcl', 'key_size', 3072)}\n${replaces}`,
    'key.keyOps': setting('hcl', 'key_opts', [...new Set([...(Array.isArray(v.key_opts) ? v.key_opts : []), 'encrypt', 'decrypt'])]),
    'attributes.expires': `${setting('hcl', 'expiration_date', `${now.getUTCFullYear() + 2}-12-31T00:00:00Z`)}\n(or remove expiration_date: EKM stops encrypting when the key expires)`,
    'attributes.notBefore': '(remove not_before_date, or set it to a date that has passed)',
    'key.kid': `${setting('hcl', 'name', goodName)}\n${replaces}`,
  }
  const doc: Obj = {
    ...(name && { name }),
    key: { kty: known(key, 'key_type') ? (v.key_type ?? '') : 'RSA', ...(Array.isArray(v.key_opts) && { keyOps: v.key_opts }) },
    attributes: { enabled: true, ...(typeof v.expiration_date === 'string' && { expires: v.expiration_date }), ...(typeof v.not_before_date === 'string' && { notBefore: v.not_before_date }) },
  }
  const checks = analyzeKeyShow(doc, ctx, now).filter((c) => c.name !== 'Key is enabled' && c.name !== 'Output is for the registered key')
  return checks
    .map((c) => (c.at === 'key.kty' && !known(key, 'key_type') ? skip(c.name, `${key.address}.key_type is known only after apply.`, c.at) : c))
    .map((c) => (c.status === 'fail' && c.at && fixes[c.at] ? { ...c, fix: fixes[c.at] } : c))
    .map(onResource(key))
}

function vaultChecks(vault: IacResource): Check[] {
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
  return analyzeVault(doc)
    .map((c) => (c.status === 'fail' && c.at && fixes[c.at] ? { ...c, fix: fixes[c.at] } : c))
    .map((c) => (c.at === 'properties.enableRbacAuthorization' ? { ...c, at: rbacField } : c))
    .map(onResource(vault))
}

/** OpenAI's service principal, looked up by its app id: data "azuread_service_principal" with client_id. */
function openaiPrincipals(set: IacSet): IacResource[] {
  return set.resources.filter((r) => /^(?:data\.)?azuread_service_principal$/.test(r.type) && [r.values.client_id, r.values.application_id].includes(OPENAI_APP_ID))
}

function assignmentChecks(set: IacSet, key: IacResource | undefined, ctx: AnalyzeContext): Check[] {
  const assignments = ofType(set, 'azurerm_role_assignment')
  const openai = openaiPrincipals(set)
  const items = assignments.map((a): Obj => {
    const principal = typeof a.values.principal_id === 'string' ? a.values.principal_id : ''
    const isOpenAI = openai.some((p) => principal.includes(`${p.address}.`))
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
  const pending = assignments.filter((a) => a.unknown.has('principal_id') || (isReference(a.values.principal_id) && !openai.some((p) => String(a.values.principal_id).includes(`${p.address}.`))))
  const fix = `data "azuread_service_principal" "openai_ekm" {\n  client_id = "${OPENAI_APP_ID}"\n}\n\nresource "azurerm_role_assignment" "openai_ekm" {\n  scope                = ${key ? `${key.address}.resource_versionless_id` : '<key resource id>'}\n  role_definition_name = "<your custom role>"\n  principal_id         = data.azuread_service_principal.openai_ekm.object_id\n}`
  const checks = analyzeAssignments(items, ctx).map((c) => (c.status === 'fail' ? { ...c, fix } : c))
  if (checks.some((c) => c.status === 'fail') && pending.length) {
    return [skip(name, `${pending.map((a) => `${a.address}.principal_id`).join(', ')} is filled in when the code is applied; it must be the object id of OpenAI's service principal (appId ${OPENAI_APP_ID}), for example from data "azuread_service_principal" with client_id = "${OPENAI_APP_ID}".`)].map(onResource(pending[0]))
  }
  return checks.map(onResource(assignments[0] ?? key!))
}

export function azureIacChecks(set: IacSet, ctx: AnalyzeContext, now: Date = new Date()): Check[] {
  if (set.dialect !== 'terraform') return []
  const keys = ofType(set, 'azurerm_key_vault_key')
  const vaults = ofType(set, 'azurerm_key_vault')
  const checks = [...keys.flatMap((k) => keyChecks(k, ctx, now)), ...vaults.flatMap(vaultChecks)]
  // Role assignments decide access only on an RBAC vault; an EKM setup has the key and the vault.
  if (keys.length === 1 && vaults.length) checks.push(...assignmentChecks(set, keys[0], ctx))
  return checks
}
