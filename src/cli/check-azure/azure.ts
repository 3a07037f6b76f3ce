/**
 * The Azure calls `check azure` makes, all reads: a token from Microsoft Entra ID, the key from Key
 * Vault, the vault and role assignments from Azure Resource Manager, and OpenAI's service principal
 * from Microsoft Graph. Every client shares one credential and the same bounded retries, and goes
 * through the Azure SDK's HTTP pipeline, so HTTPS_PROXY and NO_PROXY apply to all of them alike.
 */
import { createRestError, getClient, type Client } from '@azure-rest/core-client'
import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { KeyVaultManagementClient } from '@azure/arm-keyvault'
import { AzureCliCredential, AzureDeveloperCliCredential, AzurePowerShellCredential, ChainedTokenCredential, EnvironmentCredential, type TokenCredential } from '@azure/identity'
import { KeyClient } from '@azure/keyvault-keys'

const ARM = 'https://management.azure.com'
const GRAPH = 'https://graph.microsoft.com'
/** The Microsoft.Resources API version that lists subscriptions. */
const SUBSCRIPTIONS_API = '2022-12-01'

/** Three attempts at most, shortly apart (a service's Retry-After is honoured as it says). */
const retryOptions = { maxRetries: 2, retryDelayInMs: 300, maxRetryDelayInMs: 2000 }
/** So that an endpoint that accepts the connection but never answers cannot hang the check. */
const requestOptions = { timeout: 20_000 }

/**
 * The credentials a person or a CI job has: a service principal in AZURE_* variables, then the
 * Azure CLI, the Azure Developer CLI and Azure PowerShell sign-ins. Not DefaultAzureCredential: its
 * managed identity step probes the instance metadata endpoint (169.254.169.254), which on a machine
 * outside Azure costs a network timeout before "no credentials" can be said. On an Azure machine,
 * `az login --identity` brings the managed identity in through the Azure CLI.
 * Tokens are asked for the tenant given, unless a service names its own (Key Vault's challenge does).
 */
export function azureCredential(tenant: string): TokenCredential {
  const chain = new ChainedTokenCredential(
    new EnvironmentCredential({ retryOptions }),
    new AzureCliCredential({ tenantId: tenant }),
    new AzureDeveloperCliCredential({ tenantId: tenant }),
    new AzurePowerShellCredential({ tenantId: tenant }),
  )
  return { getToken: (scopes, options) => chain.getToken(scopes, { ...options, tenantId: options?.tenantId ?? tenant }) }
}

/** Who the token says signed in (its claims; the token itself is never kept or printed). */
export interface SignedIn {
  tenant?: string
  name?: string
  objectId?: string
}

function claims(token: string): SignedIn {
  try {
    const c = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, string | undefined>
    return { tenant: c.tid, name: c.upn ?? c.unique_name ?? c.appid ?? c.azp, objectId: c.oid }
  } catch {
    return {}
  }
}

/** A REST-level GET that throws Azure's RestError on a non-2xx answer, as the SDK clients do. */
async function get<T>(client: Client, path: string, queryParameters?: Record<string, string>): Promise<T> {
  const response = await client.pathUnchecked(path).get({ queryParameters, timeout: requestOptions.timeout })
  if (!/^2\d\d$/.test(response.status)) throw createRestError(response)
  return response.body as T
}

/** The authorization client puts scopes and ids after its own "/": a leading one would make "//subscriptions…", which URL parsing reads as a host. */
const relative = (armId: string) => armId.replace(/^\/+/, '')

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

export interface Subscription {
  subscriptionId: string
  displayName?: string
  tenantId?: string
}

export function azureApi(o: { tenant: string; vaultUrl: string }) {
  const credential = azureCredential(o.tenant)
  // Key Vault's challenge names the resource to ask a token for; the SDK checks that it matches the
  // vault's host, which --key always names (https://<vault>.vault.azure.net), so the check stays on.
  const keys = new KeyClient(o.vaultUrl, credential, { retryOptions })
  const arm = getClient(ARM, credential, { credentials: { scopes: [`${ARM}/.default`] }, retryOptions })
  const graph = getClient(GRAPH, credential, { credentials: { scopes: [`${GRAPH}/.default`] }, retryOptions })
  const authorization = (subscription: string) => new AuthorizationManagementClient(credential, subscription, { retryOptions })
  return {
    signIn: async () => claims((await credential.getToken(`${ARM}/.default`, { requestOptions }))?.token ?? ''),
    key: (name: string, version?: string) => keys.getKey(name, { version, requestOptions }),
    async subscriptions(): Promise<Subscription[]> {
      const found: Subscription[] = []
      type Page = { value: Subscription[]; nextLink?: string }
      let page = await get<Page>(arm, '/subscriptions', { 'api-version': SUBSCRIPTIONS_API })
      for (;;) {
        found.push(...page.value)
        if (!page.nextLink) return found
        page = await get<Page>(arm, page.nextLink)
      }
    },
    vaults: (subscription: string) => all(new KeyVaultManagementClient(credential, subscription, { retryOptions }).vaults.listBySubscription({ requestOptions })),
    async servicePrincipal(appId: string): Promise<{ id: string; appId: string; displayName?: string } | undefined> {
      const page = await get<{ value: { id: string; appId: string; displayName?: string }[] }>(graph, '/v1.0/servicePrincipals', { $filter: `appId eq '${appId}'`, $select: 'id,appId,displayName' })
      return page.value[0]
    },
    /** The principal's role assignments at, above and below the scope (ARM's principalId filter). */
    roleAssignments: (subscription: string, scope: string, principalId: string) => all(authorization(subscription).roleAssignments.listForScope(relative(scope), { filter: `principalId eq '${principalId}'`, requestOptions })),
    roleDefinition: (subscription: string, id: string) => authorization(subscription).roleDefinitions.getById(relative(id), { requestOptions }),
  }
}

export type AzureApi = ReturnType<typeof azureApi>
