/**
 * Azure documents: `az keyvault key show` output (or the REST key bundle), `az keyvault show`
 * output, a custom role definition (`az role definition list` item or the JSON it is created from)
 * and `az role assignment list` output, checked against OpenAI's Azure steps (ekm-facts §2.3, §4.6).
 */
import type { Value } from '../object-literal.ts'
import { fail, pass, skip, text } from './checks.ts'
import { globMatch, isObj, type Obj } from './iam.ts'
import type { Analysis, AnalyzeContext, Check } from './types.ts'

export const OPENAI_APP_ID = '20a14814-5ab7-4612-a671-1382b412bf93'
export const OPENAI_SP_NAME = 'EKM - OpenAI Azure'
/** OpenAI validates key_name against this at registration and on every request (ekm-facts §2.3). */
export const KEY_NAME = /^org-[0-9a-zA-Z-]*--[0-9a-zA-Z-]*$/
const DATA_ACTIONS = ['Microsoft.KeyVault/vaults/keys/encrypt/action', 'Microsoft.KeyVault/vaults/keys/decrypt/action', 'Microsoft.KeyVault/vaults/keys/read']

const strings = (v: Value | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
const json = (v: unknown) => JSON.stringify(v, null, 2)

/** Vault, key and version out of a key identifier: https://<vault>.vault.azure.net/keys/<name>/<version>. */
export function keyRef(kid: string | undefined): { vault?: string; name?: string; version?: string } {
  const m = /^https:\/\/([^./]+)\.(?:vault|managedhsm)\.azure\.net(?::\d+)?\/keys\/([^/?#]+)(?:\/([^/?#]+))?/i.exec(kid ?? '')
  return m ? { vault: m[1], name: m[2], version: m[3] } : {}
}

/** The key name the user is checking, from context "key" (a key name or a key identifier). */
function wantedKey(ctx: AnalyzeContext): string | undefined {
  if (!ctx.key) return undefined
  return keyRef(ctx.key).name ?? (/^[0-9a-zA-Z-]{1,127}$/.test(ctx.key) ? ctx.key : undefined)
}

/** az prints ISO dates; the REST bundle has epoch seconds (exp, nbf). */
function dateOf(v: Value | undefined): Date | undefined {
  const d = typeof v === 'number' ? new Date(v * 1000) : typeof v === 'string' && v ? new Date(v) : undefined
  return d && !Number.isNaN(d.getTime()) ? d : undefined
}

/** RSA modulus size from `n` (base64 from az, base64url from REST). */
function rsaBits(n: string | undefined): number | undefined {
  if (!n) return undefined
  const chars = n.replace(/[=\s]/g, '').length
  return chars ? Math.floor((chars * 6) / 8) * 8 : undefined
}

export function analyzeKeyShow(doc: Obj, ctx: AnalyzeContext, now: Date = new Date()): Check[] {
  const key = isObj(doc.key) ? doc.key : {}
  const attrs = isObj(doc.attributes) ? doc.attributes : {}
  const ref = keyRef(text(key.kid))
  const vault = ref.vault ?? '<vault-name>'
  const name = ref.name ?? text(doc.name)
  const target = `--vault-name ${vault} --name ${name ?? '<key-name>'}${ref.version ? ` --version ${ref.version}` : ''}`
  const newKey = (n: string) => `A key's type and name cannot be changed. Create a new RSA key, then assign the role on it and register it:\naz keyvault key create --vault-name ${vault} --name ${n} --kty RSA --size 3072`
  const goodName = `${ctx.org && ctx.org.startsWith('org-') ? ctx.org : 'org-<your-org-id>'}--openai-ekm`
  const checks: Check[] = []

  const kty = text(key.kty)
  const bits = rsaBits(text(key.n))
  checks.push(
    kty === 'RSA' || kty === 'RSA-HSM'
      ? pass('Key type is RSA', `kty is ${kty}${bits ? `, ${bits} bits` : ''}; OpenAI accepts any RSA key size.`, 'key.kty')
      : fail('Key type is RSA', 'azure-keyvault-wrong-key-type', `kty is ${kty ?? 'missing'}; OpenAI's steps select an RSA key (EC and oct keys cannot be used for OpenAI's encrypt and decrypt calls).`, newKey(name && KEY_NAME.test(name) ? `${name}-rsa` : goodName), 'key.kty'),
  )

  const opsField = key.keyOps !== undefined ? 'keyOps' : 'key_ops'
  const opsValue = key.keyOps ?? key.key_ops
  const ops = strings(opsValue).map((o) => o.toLowerCase())
  const missing = ['encrypt', 'decrypt'].filter((o) => !ops.includes(o))
  const opsName = 'Key operations include encrypt and decrypt'
  if (kty && kty !== 'RSA' && kty !== 'RSA-HSM') checks.push(skip(opsName, `A ${kty} key's operations follow from its type; the type is what to change.`, `key.${opsField}`))
  else if (!Array.isArray(opsValue)) checks.push(skip(opsName, 'The output does not list the key operations.', `key.${opsField}`))
  else if (missing.length) {
    const keep = [...new Set([...strings(opsValue), 'encrypt', 'decrypt'])].join(' ')
    checks.push(fail(opsName, 'azure-keyvault-key-operation-forbidden', `The key's permitted operations (${strings(opsValue).join(', ') || 'none'}) do not include ${missing.join(' or ')}; Key Vault refuses those calls with KeyOperationForbidden.`, `az keyvault key set-attributes ${target} --ops ${keep}`, `key.${opsField}`))
  } else checks.push(pass(opsName, `The key permits ${strings(opsValue).join(', ')}.`, `key.${opsField}`))

  const enabledName = 'Key is enabled'
  if (attrs.enabled === true) checks.push(pass(enabledName, 'The key (this version) is enabled.', 'attributes.enabled'))
  else if (attrs.enabled === false) checks.push(fail(enabledName, 'azure-keyvault-key-disabled', 'The key (this version) is disabled; for OpenAI that is a revocation.', `az keyvault key set-attributes ${target} --enabled true`, 'attributes.enabled'))
  else checks.push(skip(enabledName, 'The output does not say whether the key is enabled.', 'attributes.enabled'))

  const expField = attrs.expires !== undefined ? 'expires' : 'exp'
  const expires = dateOf(attrs.expires ?? attrs.exp)
  checks.push(
    expires && expires.getTime() <= now.getTime()
      ? fail('Key has not expired', 'azure-keyvault-key-disabled', `The key expired on ${expires.toISOString()}. Encrypt calls fail after the expiry date (decrypt may still work, so the failure can look partial).`, `az keyvault key set-attributes ${target} --expires <a later date, e.g. ${now.getUTCFullYear() + 2}-12-31T00:00:00Z>`, `attributes.${expField}`)
      : pass('Key has not expired', expires ? `The key expires on ${expires.toISOString()}; note that EKM stops encrypting then.` : 'The key has no expiry date.', `attributes.${expField}`),
  )

  const nbfField = attrs.notBefore !== undefined ? 'notBefore' : 'nbf'
  const notBefore = dateOf(attrs.notBefore ?? attrs.nbf)
  checks.push(
    notBefore && notBefore.getTime() > now.getTime()
      ? fail('Key is active (activation date passed)', 'azure-keyvault-key-disabled', `The key is not active until ${notBefore.toISOString()}; encrypt calls fail before then.`, `az keyvault key set-attributes ${target} --not-before ${now.toISOString().slice(0, 10)}T00:00:00Z`, `attributes.${nbfField}`)
      : pass('Key is active (activation date passed)', notBefore ? `The key has been active since ${notBefore.toISOString()}.` : 'The key has no activation date.', `attributes.${nbfField}`),
  )

  // A deleted key's bundle (get-deleted-key output) carries when it was deleted: until recovered, it does not exist for callers.
  if (doc.deletedDate !== undefined || doc.recoveryId !== undefined) {
    checks.push(fail('Key is not deleted', 'azure-keyvault-key-not-found', `The key was deleted${doc.deletedDate !== undefined ? ` (${String(doc.deletedDate)})` : ''}; calls to it fail with KeyNotFound until it is recovered.`, `az keyvault key recover --vault-name ${vault} --name ${name ?? '<key-name>'}`, 'deletedDate'))
  }
  checks.push(...keyNameChecks(name, ctx, 'key.kid', newKey(goodName)))
  const wanted = wantedKey(ctx)
  if (wanted && name && wanted.toLowerCase() !== name.toLowerCase()) {
    checks.push(fail('Output is for the registered key', 'azure-keyvault-key-not-found', `This output is for the key ${name}, not ${wanted}.`, `az keyvault key show --vault-name ${vault} --name ${wanted}`, 'key.kid'))
  }
  return checks
}

/** The key name against OpenAI's pattern and, given the org, its org prefix. Shared with the registration body. */
export function keyNameChecks(name: string | undefined, ctx: AnalyzeContext, at: string, fix: string): Check[] {
  const patternName = 'Key name matches org-<id>--<name>'
  const orgName = 'Key name starts with your OpenAI organization ID'
  if (!name) return [skip(patternName, 'The key name is not in the document.', at)]
  const checks: Check[] = [
    KEY_NAME.test(name)
      ? pass(patternName, `${name} matches ^org-[0-9a-zA-Z-]*--[0-9a-zA-Z-]*$.`, at)
      : fail(patternName, 'azure-key-name-format', `${name} does not match ^org-[0-9a-zA-Z-]*--[0-9a-zA-Z-]*$ (your organization ID, two hyphens, then letters, digits and hyphens). OpenAI rejects it with "Invalid 'key_name': string does not match pattern".`, fix, at),
  ]
  if (!KEY_NAME.test(name)) return checks
  if (!ctx.org || !ctx.org.startsWith('org-')) checks.push(skip(orgName, `The name starts with ${name.split('--')[0]}; give the org ID that registers the key (context "org", or --org) to check it is the same one.`, at))
  else if (!name.startsWith(`${ctx.org}--`)) checks.push(fail(orgName, 'azure-key-name-format', `The name starts with ${name.split('--')[0]}, not ${ctx.org}, the organization that registers the key; OpenAI checks the org ID in the name on every request.`, fix, at))
  else checks.push(pass(orgName, `The name starts with ${ctx.org}.`, at))
  return checks
}

export function analyzeVault(doc: Obj): Check[] {
  const p = isObj(doc.properties) ? doc.properties : {}
  const vault = text(doc.name) ?? /^https:\/\/([^./]+)\./.exec(text(p.vaultUri) ?? '')?.[1] ?? '<vault-name>'
  const rg = text(doc.resourceGroup) ?? /\/resourceGroups\/([^/]+)/i.exec(text(doc.id) ?? '')?.[1] ?? '<resource-group>'
  const checks: Check[] = []

  const rbacName = 'Vault uses the Azure RBAC permission model'
  const rbac = p.enableRbacAuthorization
  if (rbac === true) checks.push(pass(rbacName, 'enableRbacAuthorization is true, so the role assignment OpenAI\'s steps create grants data access.', 'properties.enableRbacAuthorization'))
  else if (rbac === false) {
    checks.push(
      fail(rbacName, 'azure-keyvault-forbidden-access-policy', 'The vault uses the access-policy permission model: role assignments on its keys grant no data access, so OpenAI\'s calls are refused with ForbiddenByPolicy. OpenAI documents only the RBAC model.', `az keyvault update --name ${vault} --resource-group ${rg} --enable-rbac-authorization true\n(Access policies stop applying to everyone else who uses this vault; give them roles first, or use a new vault for EKM.)`, 'properties.enableRbacAuthorization'),
    )
  } else checks.push(skip(rbacName, 'enableRbacAuthorization is not set in this output; a vault where it was never set uses access policies.', 'properties.enableRbacAuthorization'))

  const netName = "Vault accepts calls from OpenAI's network"
  const access = text(p.publicNetworkAccess)
  const acls = isObj(p.networkAcls) ? p.networkAcls : undefined
  const blocked: string[] = []
  if (access && access.toLowerCase() !== 'enabled') blocked.push(`publicNetworkAccess is ${access}`)
  if (acls && text(acls.defaultAction)?.toLowerCase() === 'deny') blocked.push(`the firewall's default action is Deny${text(acls.bypass) ? ` (bypass ${acls.bypass} does not cover OpenAI, which is not an Azure service)` : ''}`)
  checks.push(
    blocked.length
      ? fail(netName, 'azure-keyvault-forbidden-firewall', `${blocked.join(', and ').replace(/^./, (c) => c.toUpperCase())}. OpenAI publishes no egress IP addresses, so no firewall rule or private endpoint can admit it: its calls fail with ForbiddenByFirewall.`, `az keyvault update --name ${vault} --resource-group ${rg} --public-network-access Enabled --default-action Allow`, access && access.toLowerCase() !== 'enabled' ? 'properties.publicNetworkAccess' : 'properties.networkAcls.defaultAction')
      : pass(netName, `Public network access is ${access ?? 'not restricted'} and the firewall default action is ${text(acls?.defaultAction) ?? 'not set (Allow)'}.`, 'properties.networkAcls'),
  )
  if (text(p.vaultUri)) checks.push(pass('Vault URI noted', `Register vault_uri ${p.vaultUri} with OpenAI.`, 'properties.vaultUri'))
  return checks
}

export interface Role {
  name: string
  at: string
  actions: string[]
  dataActions: string[]
  notDataActions: string[]
  scopes: string[]
  scopesAt: string
}

/** A role definition in az's output shape (roleName, permissions[]) or the create JSON (Name, DataActions). */
function roleOf(v: Obj): Role | undefined {
  const name = text(v.roleName) ?? text(v.RoleName) ?? text(v.Name)
  const perms = (Array.isArray(v.permissions) ? v.permissions : Array.isArray(v.Permissions) ? v.Permissions : []).filter(isObj)
  const flat = v.DataActions !== undefined || v.dataActions !== undefined || v.Actions !== undefined || v.actions !== undefined
  if (!name || (!perms.length && !flat)) return undefined
  const field = (o: Obj, k: string) => strings(o[k] ?? o[k[0].toUpperCase() + k.slice(1)])
  const all = [...perms, ...(flat ? [v] : [])]
  return {
    name,
    at: perms.length ? 'permissions[0].dataActions' : v.DataActions !== undefined ? 'DataActions' : 'dataActions',
    actions: all.flatMap((o) => field(o, 'actions')),
    dataActions: all.flatMap((o) => field(o, 'dataActions')),
    notDataActions: all.flatMap((o) => field(o, 'notDataActions')),
    scopes: strings(v.assignableScopes ?? v.AssignableScopes),
    scopesAt: v.AssignableScopes !== undefined ? 'AssignableScopes' : 'assignableScopes',
  }
}

const grants = (r: Role, action: string) => r.dataActions.some((a) => globMatch(a, action, true)) && !r.notDataActions.some((a) => globMatch(a, action, true))

export function roleSnippet(name = 'OpenAI EKM Key Crypto', scopes: string[] = []) {
  return json({ Name: name, IsCustom: true, Description: 'Encrypt and decrypt with a Key Vault key for OpenAI Enterprise Key Management.', Actions: [], NotActions: [], DataActions: DATA_ACTIONS, NotDataActions: [], AssignableScopes: scopes.length ? scopes : ['/subscriptions/<subscription-id>'] })
}

export function analyzeRole(r: Role): Check[] {
  const fix = `Save this as openai-ekm-role.json, then run az role definition update --role-definition @openai-ekm-role.json (az role definition create for a new role):\n${roleSnippet(r.name, r.scopes)}`
  const checks = DATA_ACTIONS.map((action) => {
    const name = `Role grants ${action} as a data action`
    const by = r.dataActions.find((a) => globMatch(a, action, true))
    if (grants(r, action)) return pass(name, `${r.name} grants ${action}${by === action ? '' : ` (${by})`}.`, r.at)
    const why = r.notDataActions.some((a) => globMatch(a, action, true))
      ? `${r.name} excludes it in notDataActions.`
      : r.actions.some((a) => globMatch(a, action, true))
        ? `${r.name} lists it under actions (control plane); Key Vault's encrypt, decrypt and read on keys are data actions and must be under dataActions.`
        : `${r.name} does not grant it (dataActions: ${r.dataActions.join(', ') || 'none'}).`
    return fail(name, 'azure-keyvault-forbidden-rbac', `${why} Without it OpenAI's calls fail with ForbiddenByRbac.`, fix, r.at)
  })
  checks.push(
    r.scopes.length
      ? pass('Assignable scopes noted', `The role can be assigned within ${r.scopes.join(', ')}; the key vault must be inside one of them (OpenAI's steps use the vault's subscription).`, r.scopesAt)
      : skip('Assignable scopes noted', 'The document lists no assignable scopes; the role must be assignable in the key vault\'s subscription.', r.scopesAt),
  )
  return checks
}

const PRINCIPAL_FIELDS = ['principalName', 'displayName', 'principalDisplayName', 'appId', 'servicePrincipalNames']
/** An assignment row: az's full output, or a --query projection such as {role, scope}. */
const isAssignment = (v: Value): v is Obj => isObj(v) && typeof v.scope === 'string' && [v.roleDefinitionName, v.roleDefinitionId, v.role].some((x) => typeof x === 'string')
const principalValues = (a: Obj) => PRINCIPAL_FIELDS.flatMap((k) => (typeof a[k] === 'string' ? [a[k] as string] : strings(a[k])))
const isOpenAI = (a: Obj) => principalValues(a).some((v) => v.toLowerCase() === OPENAI_SP_NAME.toLowerCase() || v.toLowerCase().includes(OPENAI_APP_ID))
const KEY_SCOPE = /\/providers\/Microsoft\.KeyVault\/vaults\/([^/]+)\/keys\/([^/]+)\/?$/i

export function analyzeAssignments(items: Obj[], ctx: AnalyzeContext): Check[] {
  const name = "Role assigned to OpenAI's service principal on the key"
  const wanted = wantedKey(ctx)
  // A row without a principal name (a --query projection, or az without Graph access) may be OpenAI's.
  const unnamed = (a: Obj) => !principalValues(a).length
  const openai = items.filter((a) => isOpenAI(a) || unnamed(a))
  const caveat = (a: Obj) => (unnamed(a) ? ' The row does not name its principal, so this assumes it is OpenAI\'s service principal (for example, the list was filtered with --assignee).' : '')
  const role = (a: Obj) => text(a.roleDefinitionName) ?? text(a.role) ?? text(a.roleDefinitionId) ?? 'A role'
  const onKey = openai.find((a) => {
    const m = KEY_SCOPE.exec(a.scope as string)
    return m && (!wanted || m[2].toLowerCase() === wanted.toLowerCase())
  })
  if (onKey) return [pass(name, `${role(onKey)} is assigned to OpenAI's service principal at the key's scope ${onKey.scope}, as OpenAI's steps do. Check the role's data actions with its role definition.${caveat(onKey)}`, 'scope')]
  const broad = openai.find((a) => !/\/keys\//i.test(a.scope as string))
  if (broad) return [pass(name, `${role(broad)} is assigned to OpenAI's service principal at ${broad.scope}. That is broader than OpenAI's steps, which assign on the key, but the key inherits it; assigning on the key alone limits OpenAI to this key.${caveat(broad)}`, 'scope')]
  const keyName = wanted ?? '<key-name>'
  const fix = `SP_OBJECT_ID=$(az ad sp show --id ${OPENAI_APP_ID} --query id --output tsv)\nVAULT_ID=$(az keyvault show --name <vault-name> --query id --output tsv)\naz role assignment create --role "<your custom role>" --assignee-object-id "$SP_OBJECT_ID" --assignee-principal-type ServicePrincipal --scope "$VAULT_ID/keys/${keyName}"`
  const detail = openai.length
    ? `OpenAI's service principal is assigned only on other keys (${openai.map((a) => a.scope).join(', ')})${wanted ? `, not on ${wanted}` : ''}.`
    : `No assignment names OpenAI's service principal (${OPENAI_SP_NAME}, appId ${OPENAI_APP_ID}); principals found: ${[...new Set(items.flatMap(principalValues))].join(', ') || 'none'}.`
  return [fail(name, 'azure-keyvault-forbidden-rbac', `${detail} Without an assignment on the key, OpenAI's calls fail with ForbiddenByRbac.`, fix, 'scope')]
}

/** Which Azure document this is, if any, and its analysis. `now` is used only for the key's expiry and activation dates. */
export function analyzeAzure(value: Value, ctx: AnalyzeContext, now: Date = new Date()): Analysis | null {
  if (Array.isArray(value)) {
    const items = value.filter(isObj)
    if (!items.length || items.length !== value.length) return null
    if (items.every((i) => isAssignment(i))) return { document: 'azure-role-assignments', title: 'az role assignment list output', checks: analyzeAssignments(items, ctx) }
    const roles = items.map(roleOf)
    if (!roles.every((r): r is Role => r !== undefined)) return null
    // `--custom-role-only` lists every custom role: judge the one closest to OpenAI's.
    const best = roles.reduce((a, b) => (DATA_ACTIONS.filter((x) => grants(b, x)).length > DATA_ACTIONS.filter((x) => grants(a, x)).length ? b : a))
    return { document: 'azure-role-definition', title: `Azure role definition "${best.name}"`, checks: analyzeRole(best) }
  }
  if (!isObj(value)) return null
  if (isObj(value.key) && typeof value.key.kty === 'string') return { document: 'azure-key-show', title: 'az keyvault key show output', checks: analyzeKeyShow(value, ctx, now) }
  // The management plane's key (ARM's Microsoft.KeyVault/vaults/keys): the same fields under properties.
  if (text(value.type)?.toLowerCase() === 'microsoft.keyvault/vaults/keys' && isObj(value.properties) && typeof value.properties.kty === 'string') {
    const p = value.properties
    const attrs = isObj(p.attributes) ? p.attributes : {}
    const doc = { name: value.name ?? '', key: { kty: p.kty, ...(p.keyOps !== undefined && { keyOps: p.keyOps }), ...(typeof p.keyUriWithVersion === 'string' && { kid: p.keyUriWithVersion }) }, attributes: attrs }
    return { document: 'azure-key-show', title: 'Key Vault key (Azure Resource Manager)', checks: analyzeKeyShow(doc, ctx, now) }
  }
  const props = value.properties
  if (isObj(props) && (text(value.type)?.toLowerCase() === 'microsoft.keyvault/vaults' || /\.vault\.azure\.net/i.test(text(props.vaultUri) ?? ''))) {
    return { document: 'azure-vault-show', title: 'az keyvault show output', checks: analyzeVault(value) }
  }
  const role = roleOf(value)
  if (role) return { document: 'azure-role-definition', title: `Azure role definition "${role.name}"`, checks: analyzeRole(role) }
  if (isAssignment(value) && (value.principalId !== undefined || value.principalName !== undefined)) return { document: 'azure-role-assignments', title: 'Azure role assignment', checks: analyzeAssignments([value], ctx) }
  return null
}
