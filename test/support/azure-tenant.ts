/** A correct EKM setup in one Azure tenant, as the fake Azure serves it to `check azure`. */
import { rsaPublicKey, type Tenant } from './fake-azure.ts'

export const TENANT = '5e1a9c37-2d8b-4f60-9a4e-7b3c1d2e8f90'
export const SUBSCRIPTION = '6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a'
export const ORG = 'org-AbCdEf0123456789abcdef01'
export const VAULT = 'contoso-ekm'
export const KEY_NAME = `${ORG}--openai-ekm`
export const VERSION = '78deebed173b48e48f55abf87ed4cf71'
export const KEY = `https://${VAULT}.vault.azure.net/keys/${KEY_NAME}`
export const VAULT_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-ekm/providers/Microsoft.KeyVault/vaults/${VAULT}`
export const OPENAI_APP_ID = '20a14814-5ab7-4612-a671-1382b412bf93'
export const OPENAI_SP_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
/** The service principal the check signs in as (AZURE_CLIENT_ID / AZURE_CLIENT_SECRET). */
export const CLIENT = { appId: '3f2e1d0c-9b8a-4766-a554-433221100fed', objectId: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5', secret: 'Qx8Q~FakeClientSecretValueForTests0123456789' }
const ROLE_ID = `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/b3f5a6c7-1d2e-4f3a-9b8c-7d6e5f4a3b2c`
const DATA_ACTIONS = ['Microsoft.KeyVault/vaults/keys/encrypt/action', 'Microsoft.KeyVault/vaults/keys/decrypt/action', 'Microsoft.KeyVault/vaults/keys/read']
const created = 1767225600 // 2026-01-01

const modulus = rsaPublicKey(3072)

/** A key bundle as Key Vault's REST API returns it (epoch seconds, key_ops, base64url n and e). */
export function keyBundle(name = KEY_NAME, version = VERSION) {
  return {
    key: { kid: `https://${VAULT}.vault.azure.net/keys/${name}/${version}`, kty: 'RSA-HSM', key_ops: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'], ...modulus },
    attributes: { enabled: true, created, updated: created, recoveryLevel: 'Recoverable', recoverableDays: 90, exportable: false } as Record<string, unknown>,
    tags: {},
  }
}

export function goodTenant(): Tenant {
  return {
    tenantId: TENANT,
    client: { ...CLIENT },
    subscriptions: [{ subscriptionId: SUBSCRIPTION, displayName: 'EKM production' }],
    vaults: {
      [SUBSCRIPTION]: [
        {
          id: VAULT_ID,
          name: VAULT,
          type: 'Microsoft.KeyVault/vaults',
          location: 'westeurope',
          properties: {
            sku: { family: 'A', name: 'premium' },
            tenantId: TENANT,
            accessPolicies: [],
            enabledForDeployment: false,
            enabledForDiskEncryption: false,
            enabledForTemplateDeployment: false,
            enableSoftDelete: true,
            softDeleteRetentionInDays: 90,
            enableRbacAuthorization: true,
            enablePurgeProtection: true,
            networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] },
            vaultUri: `https://${VAULT}.vault.azure.net/`,
            provisioningState: 'Succeeded',
            publicNetworkAccess: 'Enabled',
          },
        },
      ],
    },
    keys: { [VAULT]: { [KEY_NAME]: [{ version: VERSION, bundle: keyBundle() }] } },
    servicePrincipals: [{ id: OPENAI_SP_ID, appId: OPENAI_APP_ID, displayName: 'EKM - OpenAI Azure' }],
    roleAssignments: [{ name: '4c3b2a19-0f8e-4d7c-a6b5-9483726150fe', scope: `${VAULT_ID}/keys/${KEY_NAME}`, roleDefinitionId: ROLE_ID, principalId: OPENAI_SP_ID, principalType: 'ServicePrincipal' }],
    roleDefinitions: {
      [ROLE_ID]: { roleName: 'OpenAI EKM key user', type: 'CustomRole', permissions: [{ actions: [], notActions: [], dataActions: [...DATA_ACTIONS], notDataActions: [] }], assignableScopes: [`/subscriptions/${SUBSCRIPTION}`] },
    },
    errors: {},
  }
}
