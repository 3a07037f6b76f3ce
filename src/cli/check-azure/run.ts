/**
 * `ekm-doctor check azure`: the live checklist. Each step reads one thing (the key from Key Vault,
 * the vault from Azure Resource Manager, OpenAI's service principal from Microsoft Graph, its role
 * assignments or access policy) and runs the same analyzers as a pasted document; a step that
 * cannot read says which permission it needs, and the rest go on.
 */
import { analyzeAssignments, analyzeAzure, analyzeKeyShow, analyzeVault, OPENAI_APP_ID, OPENAI_SP_NAME } from '../../engine/analyze/azure.ts'
import { isObj, type Obj } from '../../engine/analyze/iam.ts'
import type { Check } from '../../engine/analyze/types.ts'
import type { Value } from '../../engine/object-literal.ts'
import type { CheckLine, Classifier, Reporter } from '../check/checklist.ts'
import type { AzureApi } from './azure.ts'
import { classifyAzure, type AzureFailure } from './failure.ts'

export interface CheckAzureOptions {
  /** The key identifier as given: https://<vault>.vault.azure.net/keys/<name>[/<version>]. */
  key: string
  vault: string
  name: string
  version?: string
  tenant: string
  org: string
  subscription?: string
  /** AZURE_CLIENT_ID, when a service principal signs in: it goes into the credential fixes. */
  clientId?: string
}

/** https://<vault>.vault.azure.net/keys/<name>[/<version>]: the only form OpenAI's Azure steps use. */
export const KEY_URL = /^https:\/\/([a-z0-9-]+)\.vault\.azure\.net\/keys\/([0-9a-zA-Z-]{1,127})(?:\/([0-9a-zA-Z]+))?\/?$/i
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const CREDENTIALS = 'Credentials work'
const KEY = 'Key can be read'
const VAULT = 'Vault settings can be read'
const SP = "OpenAI's service principal exists in the tenant"
const ACCESS = "OpenAI's service principal can use the key"
/** The analyzer's name for the same check on an RBAC vault. */
const ASSIGNED = "Role assigned to OpenAI's service principal on the key"
const ROLE = 'Role grants encrypt, decrypt and read as data actions'
const POLICY = "Access policy lets OpenAI's service principal get, encrypt and decrypt"
const NEEDED_KEY_PERMISSIONS = ['get', 'encrypt', 'decrypt']

/** SDK objects as the analyzers read documents: plain JSON (dates become ISO strings). */
const plain = (v: unknown): Obj => JSON.parse(JSON.stringify(v)) as Obj

/** The checklist's bookkeeping: lines in order, each reported as it is made. */
function checklist(report: Reporter, classifyError: Classifier) {
  const lines: CheckLine[] = []
  const skip = (name: string, why: string): CheckLine => ({ name, status: 'skip', detail: `Could not check: ${why}` })
  return {
    lines,
    skip,
    emit(line: CheckLine) {
      const full = line.status === 'fail' && line.id ? { ...line, url: `/errors/${line.id}/` } : line
      lines.push(full)
      report.done(full)
    },
    fromCheck: (c: Check, fix = c.fix): CheckLine => ({ name: c.name, status: c.status, ...(c.id && { id: c.id }), detail: c.detail, ...(c.status === 'fail' && { fix }) }),
    /** A read that failed: "could not check" with the permission it needs, or a fail when the error is a symptom. */
    couldNot(name: string, f: AzureFailure, permission: string, service: string): CheckLine {
      if (f.kind === 'denied') return skip(name, `your credentials lack ${permission} (${f.name}).`)
      if (f.kind === 'throttled') return skip(name, `${service} throttled the request (${f.name}) on each of 3 attempts. Run the check again in a minute.`)
      if (f.kind === 'network') return skip(name, `${service} could not be reached (${f.name}: ${f.message}).`)
      const id = classifyError(`${f.name}: ${f.message}`)
      return id ? { name, status: 'fail', id, detail: `${f.name}: ${f.message}` } : skip(name, `${f.name}: ${f.message}`)
    },
    async step<T>(name: string, call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; failure: AzureFailure }> {
      report.start(name)
      try {
        return { ok: true, value: await call() }
      } catch (e) {
        return { ok: false, failure: classifyAzure(e) }
      }
    },
  }
}

type Checklist = ReturnType<typeof checklist>

export async function checkAzure(o: CheckAzureOptions, api: AzureApi, report: Reporter, classifyError: Classifier): Promise<CheckLine[]> {
  const h = checklist(report, classifyError)
  const { emit, fromCheck, skip, step } = h

  // 1. Credentials
  const who = await step(CREDENTIALS, () => api.signIn())
  if (!who.ok) {
    emit(credentialsLine(who.failure, o, classifyError))
    for (const name of [KEY, VAULT, SP, ACCESS]) emit(skip(name, 'the credentials do not work.'))
    return h.lines
  }
  const me = who.value
  emit({ name: CREDENTIALS, status: 'pass', detail: `Signed in as ${me.name ?? 'an identity'}${me.objectId ? ` (object id ${me.objectId})` : ''} in tenant ${me.tenant ?? o.tenant}.` })

  // 2. The key, from Key Vault
  const key = await step(KEY, () => api.key(o.name, o.version))
  if (!key.ok) emit(keyReadFailure(key.failure, o, h))
  else {
    const k = key.value
    emit({ name: KEY, status: 'pass', detail: `${o.name}${k.properties.version ? `, version ${k.properties.version},` : ''} in vault ${o.vault}.` })
    const doc = {
      name: k.name,
      key: { kid: k.key?.kid ?? k.id, kty: k.key?.kty, keyOps: k.key?.keyOps, ...(k.key?.n && { n: Buffer.from(k.key.n).toString('base64') }) },
      attributes: { enabled: k.properties.enabled, expires: k.properties.expiresOn?.toISOString(), notBefore: k.properties.notBefore?.toISOString() },
    }
    for (const c of analyzeKeyShow(plain(doc), { org: o.org, key: o.key })) emit(fromCheck(c))
  }

  // 3. The vault, from Azure Resource Manager
  const found = await step(VAULT, () => findVault(api, o))
  let vault: { subscription: string; doc: Obj; props: Obj } | undefined
  if (!found.ok) emit(h.couldNot(VAULT, found.failure, `Microsoft.KeyVault/vaults/read on the vault's subscription${o.subscription ? '' : ', or Microsoft.Resources/subscriptions/read to find it'}`, 'Azure Resource Manager'))
  else if (!found.value.vault) emit(skip(VAULT, found.value.why))
  else {
    const doc = plain(found.value.vault)
    vault = { subscription: found.value.subscription, doc, props: isObj(doc.properties) ? doc.properties : {} }
    emit({ name: VAULT, status: 'pass', detail: `${o.vault} is ${text(doc.id)}.` })
    for (const c of analyzeVault(doc)) emit(fromCheck(c))
    emit(tenantLine(vault.props, o))
    emit(deletionLine(vault.props, text(doc.id), o))
  }

  // 4. OpenAI's service principal, from Microsoft Graph
  const sp = await step(SP, () => api.servicePrincipal(OPENAI_APP_ID))
  let spId: string | undefined
  if (!sp.ok) emit(h.couldNot(SP, sp.failure, 'read access to service principals in Microsoft Graph', 'Microsoft Graph'))
  else if (!sp.value) {
    emit({
      name: SP,
      status: 'fail',
      id: 'azure-service-principal-missing',
      detail: `Tenant ${o.tenant} has no service principal for OpenAI's app (appId ${OPENAI_APP_ID}), so OpenAI cannot sign in to it.`,
      fix: `az login --tenant ${o.tenant}\naz rest --method post --url https://graph.microsoft.com/v1.0/servicePrincipals --headers "Content-Type=application/json" --body '{"appId": "${OPENAI_APP_ID}"}'`,
    })
  } else {
    spId = sp.value.id
    emit({ name: SP, status: 'pass', detail: `${sp.value.displayName ?? OPENAI_SP_NAME} (appId ${OPENAI_APP_ID}) has object id ${spId} in tenant ${o.tenant}.` })
  }

  // 5. OpenAI's access to the key: a role assignment on an RBAC vault, an access policy otherwise.
  if (!vault) emit(skip(ACCESS, 'the vault settings could not be read, so its permission model is unknown.'))
  else if (!spId) emit(skip(ACCESS, "OpenAI's service principal was not found in the tenant."))
  else if (vault.props.enableRbacAuthorization === true) await roleLines(o, api, vault.subscription, text(vault.doc.id)!, spId, h)
  else emit(policyLine(vault.props, o, spId))
  return h.lines
}

const text = (v: Value | undefined) => (typeof v === 'string' ? v : undefined)

function credentialsLine(f: AzureFailure, o: CheckAzureOptions, classifyError: Classifier): CheckLine {
  const name = CREDENTIALS
  // Out of reach is not a fault of the setup: nothing could be checked, which is not a pass either.
  if (f.kind === 'network') return { name, status: 'skip', detail: `Could not reach Microsoft Entra ID (${f.name}: ${f.message}). Check the network and a proxy (HTTPS_PROXY).` }
  if (f.name === 'CredentialUnavailableError') {
    return {
      name,
      status: 'fail',
      id: 'azure-client-credentials-invalid',
      detail: `No Azure credentials found: run az login --tenant ${o.tenant}, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal. (The check tries these, the Azure Developer CLI and Azure PowerShell; not managed identity.)`,
      fix: `az login --tenant ${o.tenant}\naz account get-access-token --tenant ${o.tenant} --query expiresOn --output tsv   # should print a date`,
    }
  }
  // The SDK's own refusal, before any request: the service principal's tenant is another one.
  if (/not configured to acquire tokens for tenant/.test(f.message)) {
    return { name, status: 'fail', id: 'azure-tenant-not-found', detail: `Your credentials are set up for another tenant than ${o.tenant} (AZURE_TENANT_ID names another one): ${f.message}`, fix: `export AZURE_TENANT_ID=${o.tenant}   # the vault's tenant, as given with --tenant` }
  }
  const id = classifyError(f.message) ?? 'azure-client-credentials-invalid'
  const app = o.clientId ?? '<app-id>'
  const fixes: Record<string, string> = {
    'azure-client-credentials-invalid': `az ad app credential list --id ${app} --query "[].{name:displayName, hint:hint, expires:endDateTime}" -o table\naz ad app credential reset --id ${app} --append --display-name ekm-test --years 1   # prints the new value once, as "password"`,
    'azure-tenant-not-found': `curl -s "https://login.microsoftonline.com/${o.tenant}/v2.0/.well-known/openid-configuration" | jq -r '.issuer // .error_description'`,
  }
  return { name, status: 'fail', id, detail: `Microsoft Entra ID gave your credentials no token for tenant ${o.tenant}: ${f.message}`, ...(fixes[id] && { fix: fixes[id] }) }
}

function keyReadFailure(f: AzureFailure, o: CheckAzureOptions, h: Checklist): CheckLine {
  if (f.kind === 'not-found') {
    return {
      name: KEY,
      status: 'fail',
      id: 'azure-keyvault-key-not-found',
      detail: `${f.name}: ${f.message}`,
      fix: `az keyvault key list --vault-name ${o.vault} --query "[].name" -o tsv\naz keyvault key list-deleted --vault-name ${o.vault} --query "[].{name:name, deleted:deletedDate, purge:scheduledPurgeDate}" -o table`,
    }
  }
  if (f.inner === 'ForbiddenByFirewall') return { name: KEY, status: 'skip', detail: `Could not check: the vault's firewall refused your own address (${f.inner}). The network check below says whether it refuses OpenAI too.` }
  if (f.inner === 'ForbiddenByPolicy') return { name: KEY, status: 'skip', detail: `Could not check: the vault's access policies give your identity no get permission on keys (${f.inner}).` }
  return h.couldNot(KEY, f, 'Microsoft.KeyVault/vaults/keys/read on the key (a data action)', 'Key Vault')
}

/** The vault's ARM resource: in --subscription, or in the first subscription of the tenant that holds it. */
async function findVault(api: AzureApi, o: CheckAzureOptions): Promise<{ subscription: string; vault?: unknown; why: string }> {
  const named = (vaults: { name?: string }[]) => vaults.find((v) => v.name?.toLowerCase() === o.vault.toLowerCase())
  if (o.subscription) {
    const vault = named(await api.vaults(o.subscription))
    return { subscription: o.subscription, vault, why: `subscription ${o.subscription} has no vault named ${o.vault} that your credentials can see; pass the subscription that holds it with --subscription.` }
  }
  const subscriptions = (await api.subscriptions()).filter((s) => !s.tenantId || s.tenantId.toLowerCase() === o.tenant.toLowerCase())
  for (const s of subscriptions) {
    const vault = named(await api.vaults(s.subscriptionId))
    if (vault) return { subscription: s.subscriptionId, vault, why: '' }
  }
  return { subscription: '', why: `none of the ${subscriptions.length} subscriptions your credentials can see in tenant ${o.tenant} has a vault named ${o.vault}; pass the subscription that holds it with --subscription.` }
}

function tenantLine(props: Obj, o: CheckAzureOptions): CheckLine {
  const name = 'Vault is in the tenant you register'
  const tenant = text(props.tenantId)
  if (!tenant) return { name, status: 'skip', detail: 'Could not check: the vault resource does not name its tenant.' }
  if (tenant.toLowerCase() === o.tenant.toLowerCase()) return { name, status: 'pass', detail: `The vault belongs to tenant ${tenant}: register tenant_id ${tenant} with OpenAI.` }
  return {
    name,
    status: 'fail',
    id: 'azure-service-principal-missing',
    detail: `The vault belongs to tenant ${tenant}, not ${o.tenant}. OpenAI signs in to the tenant_id you register, and needs its service principal and role in the vault's tenant.`,
    fix: `az keyvault show --name ${o.vault} --query properties.tenantId -o tsv\n# Register tenant_id ${tenant} with OpenAI, and run this check again with --tenant ${tenant}.`,
  }
}

/** Not an OpenAI requirement, so it never decides; it says what a deletion would cost. */
function deletionLine(p: Obj, vaultId: string | undefined, o: CheckAzureOptions): CheckLine {
  const days = typeof p.softDeleteRetentionInDays === 'number' ? p.softDeleteRetentionInDays : undefined
  const rg = /\/resourceGroups\/([^/]+)/i.exec(vaultId ?? '')?.[1] ?? '<resource-group>'
  const base = { name: 'Soft delete and purge protection', status: 'pass', decides: false } as const
  if (p.enableSoftDelete === false) return { ...base, detail: 'Soft delete is off, so a deleted key is not kept for recovery. OpenAI does not require soft delete.' }
  const kept = `Soft delete keeps a deleted key recoverable${days ? ` for ${days} days` : ''}`
  if (p.enablePurgeProtection === true) return { ...base, detail: `${kept}, and purge protection stops anyone from purging it sooner.` }
  return {
    ...base,
    detail: `${kept}, but purge protection is off: a key purged in that time cannot be brought back, and data OpenAI encrypted under it stays unreadable. OpenAI does not require purge protection; Key Vault's API reference says turning it on cannot be undone. To turn it on: az keyvault update --name ${o.vault} --resource-group ${rg} --enable-purge-protection true`,
  }
}

function policyLine(props: Obj, o: CheckAzureOptions, spId: string): CheckLine {
  const policies = (Array.isArray(props.accessPolicies) ? props.accessPolicies : []).filter(isObj)
  const mine = policies.find((p) => text(p.objectId)?.toLowerCase() === spId.toLowerCase())
  const granted = mine && isObj(mine.permissions) && Array.isArray(mine.permissions.keys) ? mine.permissions.keys.filter((k): k is string => typeof k === 'string') : []
  const has = (perm: string) => granted.some((g) => g.toLowerCase() === perm || g.toLowerCase() === 'all')
  const missing = NEEDED_KEY_PERMISSIONS.filter((p) => !has(p))
  if (!missing.length) return { name: POLICY, status: 'pass', detail: `An access policy gives OpenAI's service principal (${spId}) ${granted.join(', ')} on keys.` }
  // set-policy replaces the principal's key permissions: keep what it already has.
  const keep = [...new Set([...granted, ...NEEDED_KEY_PERMISSIONS])].join(' ')
  return {
    name: POLICY,
    status: 'fail',
    id: 'azure-keyvault-forbidden-access-policy',
    detail: mine ? `OpenAI's access policy grants ${granted.join(', ') || 'nothing'} on keys, not ${missing.join(', ')}; its calls are refused with ForbiddenByPolicy.` : `No access policy names OpenAI's service principal (${spId}); its calls are refused with ForbiddenByPolicy.`,
    fix: `az keyvault set-policy --name ${o.vault} --object-id ${spId} --key-permissions ${keep}`,
  }
}

/** OpenAI's role assignments that reach the key, then the definitions of the roles they assign. */
async function roleLines(o: CheckAzureOptions, api: AzureApi, subscription: string, vaultId: string, spId: string, h: Checklist): Promise<void> {
  const keyScope = `${vaultId}/keys/${o.name}`
  const assigned = await h.step(ASSIGNED, () => api.roleAssignments(subscription, keyScope, spId))
  if (!assigned.ok) return h.emit(h.couldNot(ASSIGNED, assigned.failure, 'Microsoft.Authorization/roleAssignments/read on the key', 'Azure Resource Manager'))
  const covers = (scope: string) => keyScope.toLowerCase() === scope.toLowerCase() || keyScope.toLowerCase().startsWith(`${scope.toLowerCase()}/`)
  const reaching = assigned.value.filter((a) => a.scope && covers(a.scope))
  const ids = [...new Set(reaching.map((a) => a.roleDefinitionId).filter((id): id is string => Boolean(id)))]
  const defs = ids.length ? await h.step(ROLE, () => Promise.all(ids.map((id) => api.roleDefinition(subscription, id)))) : undefined
  const roleName = (id?: string) => (defs?.ok ? defs.value.find((d) => d.id?.toLowerCase() === id?.toLowerCase())?.roleName : undefined)
  // The rows are OpenAI's by construction (filtered by its object id), so they carry its names.
  const rows = assigned.value.map((a) => plain({ scope: a.scope, roleDefinitionId: a.roleDefinitionId, roleDefinitionName: roleName(a.roleDefinitionId), principalId: a.principalId, principalType: a.principalType, principalName: OPENAI_SP_NAME, appId: OPENAI_APP_ID }))
  for (const c of analyzeAssignments(rows, { key: o.key })) h.emit(h.fromCheck(c, c.fix?.replaceAll('<vault-name>', o.vault)))
  if (!defs) return
  if (!defs.ok) h.emit(h.couldNot(ROLE, defs.failure, 'Microsoft.Authorization/roleDefinitions/read', 'Azure Resource Manager'))
  else {
    // With several roles, the analyzer judges the one closest to OpenAI's.
    const analysis = analyzeAzure(defs.value.map((d) => plain({ roleName: d.roleName, permissions: d.permissions, assignableScopes: d.assignableScopes })), {})
    for (const c of analysis?.checks ?? []) h.emit(h.fromCheck(c))
  }
}
