/** A correct EKM setup in Google Cloud (key in one project, pool in another), as the fake serves it to `check gcp`. */
import type { Cloud } from './fake-gcp.ts'

export const KMS_PROJECT = 'acme-kms-prod'
const KMS_PROJECT_NUMBER = '210987654321'
export const WIF_PROJECT_NUMBER = '123456789012'
export const KEY = `projects/${KMS_PROJECT}/locations/us-east1/keyRings/openai-ekm/cryptoKeys/openai-ekm-key`
export const POOL = `projects/${WIF_PROJECT_NUMBER}/locations/global/workloadIdentityPools/openai-ekm-pool`
export const PROVIDER = `${POOL}/providers/openai-ekm-provider`
export const ORG = 'org-AbCdEf0123456789abcdef01'
/** OpenAI's Google ID token subject (ekm-facts.md §2.2), as the key grant names it. */
export const PRINCIPAL = `principal://iam.googleapis.com/${POOL}/subject/105900137572174660365`
export const SERVICE_ACCOUNT = `ekm-reader@${KMS_PROJECT}.iam.gserviceaccount.com`

export function goodCloud(): Cloud {
  return {
    keys: {
      [KEY]: {
        name: KEY,
        primary: { name: `${KEY}/cryptoKeyVersions/1`, state: 'ENABLED', createTime: '2026-01-05T10:00:00.123456Z', protectionLevel: 'SOFTWARE', algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', generateTime: '2026-01-05T10:00:00.123456Z' },
        purpose: 'ENCRYPT_DECRYPT',
        createTime: '2026-01-05T10:00:00.123456Z',
        nextRotationTime: '2026-04-05T10:00:00Z',
        rotationPeriod: '7776000s',
        versionTemplate: { protectionLevel: 'SOFTWARE', algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION' },
        destroyScheduledDuration: '2592000s',
      },
    },
    keyPolicies: { [KEY]: { version: 1, etag: 'BwYmvQ3R2xA=', bindings: [{ role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: [PRINCIPAL] }] } },
    pools: { [POOL]: { name: POOL, displayName: 'OpenAI EKM', state: 'ACTIVE' } },
    providers: {
      [PROVIDER]: {
        name: PROVIDER,
        displayName: 'OpenAI',
        state: 'ACTIVE',
        attributeMapping: { 'google.subject': 'assertion.sub' },
        attributeCondition: 'assertion.sub == "105900137572174660365"',
        oidc: { issuerUri: 'https://accounts.google.com', allowedAudiences: [ORG] },
      },
    },
    services: {
      [KMS_PROJECT]: { parent: `projects/${KMS_PROJECT_NUMBER}`, state: 'ENABLED' },
      [WIF_PROJECT_NUMBER]: { parent: `projects/${WIF_PROJECT_NUMBER}`, state: 'ENABLED' },
    },
    serviceAccountPolicies: {},
    impersonable: [SERVICE_ACCOUNT],
    errors: {},
  }
}
