/**
 * Fix commands with the values the diagnosis read: `<key-arn>` becomes the key ARN the payload
 * named, `<region>` its region, and so on. A placeholder the payload gave no value for stays as it
 * is, visibly a placeholder. The values come from redacted text, so nothing secret is filled in.
 * The CLI and the diagnose page fill them for the person who pasted; the API answer and the support
 * ticket keep the placeholders (the ticket is shared, and names no resources).
 */
import type { Resources } from './types.ts'

type Value = (r: Resources) => string | undefined

const roleName: Value = (r) => r.roleArn?.split('/').pop()
const keyName: Value = (r) => r.keyName ?? r.key

/** Each placeholder the catalog's fix steps use, and where its value comes from. */
const PLACEHOLDERS: Record<string, Value> = {
  'key-arn': (r) => r.keyArn,
  'kms-arn': (r) => r.keyArn,
  'registered-kms-arn': (r) => r.keyArn,
  'key-id-or-alias': (r) => r.keyArn ?? r.aliasArn,
  'alias-arn': (r) => r.aliasArn,
  region: (r) => r.region,
  'region-in-arn': (r) => r.region,
  'account-id': (r) => r.account,
  account: (r) => r.account,
  'role-name': roleName,
  role: roleName,
  'org-id': (r) => r.org,
  'your-org-id': (r) => r.org,
  'project-id': (r) => r.project,
  'kms-project-id': (r) => r.project,
  'project-number': (r) => r.projectNumber,
  location: (r) => r.location,
  'key-ring': (r) => r.keyRing,
  key: (r) => r.key,
  'key-name': keyName,
  version: (r) => r.keyVersion,
  'pool-id': (r) => r.pool,
  'provider-id': (r) => r.wifProvider,
  'vault-name': (r) => r.vault,
  'tenant-id': (r) => r.tenant,
  'app-id': (r) => r.appId,
}

const PLACEHOLDER = /<([a-z][a-z-]{0,40})>/g

/** The step with every placeholder the resources have a value for filled in. */
export function fillPlaceholders(step: string, resources: Resources): string {
  return step.replace(PLACEHOLDER, (whole, name: string) => PLACEHOLDERS[name]?.(resources) ?? whole)
}

/** The placeholder names the filler knows, for the catalog's consistency test. */
export const KNOWN_PLACEHOLDERS = Object.keys(PLACEHOLDERS)
