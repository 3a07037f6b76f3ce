/**
 * What went wrong, in one word, whatever the wording: denied, not found, disabled, deleted,
 * unauthenticated, throttled, timeout, invalid ciphertext, an invalid identifier or a server
 * error. Every cloud, SDK and tool words these few conditions its own way; reading the condition
 * lets a rule or family fire on "Google Cloud · kms · not found" when none of its phrases is in
 * the payload.
 *
 * The vocabulary is the clouds' own: their error codes, HTTP statuses and the plain English their
 * messages use. The most specific code decides first, then the HTTP status, then the message.
 */
import type { Condition } from './types.ts'

/** [condition, pattern over one lower-cased error code]; the first that matches wins. */
const BY_CODE: [Condition, RegExp][] = [
  ['deleted', /pendingdeletion|destroy_?scheduled|destroyed|deletedstate|softdeleted|objectisdeleted|keypendingdeletion/],
  ['disabled', /disabled|notenabled|keyunavailable/], // KMSInvalidStateException is either: the wording decides
  ['not-found', /(?<!^e)notfound|not_found|nosuch|doesnotexist|unknownkey/],
  ['unauthenticated', /invalidclienttokenid|unrecognizedclient|clientauthenticationerror|defaultcredentialserror|expiredtoken|tokenexpired|signaturedoesnotmatch|invalidsignature|unauthenticated|^unauthorized$|invalidaccesskeyid|nocredential|credentialsprovider|credentialunavailable|credentialsunavailable|authenticationfailed|authenticationrequired|^invalid_(?:grant|client)$|^unauthorized_client$|^401$/],
  ['denied', /accessdenied|access_denied|forbidden|permission_?denied|notauthorized|unauthorizedoperation|authorizationfailed|insufficientpermission|invalididentitytoken|idprejectedclaim/],
  ['throttled', /throttl|toomanyrequests|too_many_requests|resource_exhausted|ratelimit|rate_limit|requestlimitexceeded|slowdown|quotaexceeded|limitexceeded/],
  // Node's network codes are whole codes: "ResourceNotFoundException" contains "enotfound".
  ['timeout', /timeout|timedout|deadline_?exceeded|^(?:econnrefused|econnreset|etimedout|enotfound|eai_again|unavailable)$|connectionerror|connecterror|connectexception|unknownhost/],
  ['invalid-ciphertext', /invalidciphertext|incorrectkey|badpadding|aeadbadtag|decryptionfailed|integrityerror/],
  ['invalid-id', /^invalidarn(?:exception)?$|^invalidkeyid$/],
  ['server-error', /internal(?:server)?(?:error|exception|failure)?$|^internal$|serviceunavailable|dependencytimeout|dependencyfailure/],
]

/** HTTP statuses that mean one condition whatever the service. */
const BY_STATUS: Record<number, Condition> = { 401: 'unauthenticated', 403: 'denied', 404: 'not-found', 408: 'timeout', 429: 'throttled', 500: 'server-error', 502: 'server-error', 503: 'server-error', 504: 'timeout' }

/**
 * [condition, pattern over the lower-cased message]; the first that matches wins. A timeout comes
 * before credentials: "failed to get token: … i/o timeout" is the network, not the credentials.
 */
const BY_TEXT: [Condition, RegExp][] = [
  // Before the resource's own conditions: an access key that "does not exist" is a credential AWS does not know, and a
  // pod's projected token file that cannot be read ("permission denied" on the file) leaves the caller with no credentials.
  ['unauthenticated', /\bthe access key id you provided does not exist\b|\b(?:unable to|failed to|could not|cannot) (?:read|open) (?:the )?(?:file at )?\S{0,200}\/serviceaccount\/token\b|\baccess to the path '[^'\n]{0,200}\/serviceaccount\/token' is denied/],
  ['deleted', /\b(?:pending deletion|scheduled for deletion|scheduled for destruction|destroy_scheduled|has been deleted|was (?:recently )?deleted|(?:placed )?in a (?:deleted but )?recoverable state|is deleted|in (?:a )?deleted state|soft[- ]deleted|has been destroyed|is destroyed)\b/],
  ['disabled', /\b(?:is disabled|was disabled|has been disabled|is not enabled|isn't enabled|not in (?:an? )?enabled state|state (?:is )?disabled|disabled state)\b/],
  // Credentials that are "not found" are missing credentials, read below.
  ['not-found', /\b(?:(?<!credentials (?:were |are |is )?)not found|does not exist|do not exist|doesn't exist|could not be found|cannot be found|can't be found|no such (?:key|host key|alias|resource))\b/],
  // The runtimes' own socket and TLS wording too: Windows' WSAETIMEDOUT text, the CRT's *_TIMEOUT names, and
  // gRPC's name resolution that found no address.
  ['timeout', /(?:\b|_)(?:timed out|timeout|deadline exceeded|connection (?:refused|reset|timed out|aborted)|actively refused|no such host|could not connect|unable to connect|failed to connect|network is unreachable|no route to host|host is unreachable|name resolution|temporary failure in name resolution|did not properly respond after a period of time|did not respond in time|empty address list|due to (?:a )?network error)\b/],
  ['unauthenticated', /\b(?:(?:unable to|could not|cannot|failed to) (?:locate|find|load|retrieve|get|obtain|fetch|acquire|resolve) (?:(?:the|any|default|valid|aws|iam|security|application) ){0,4}credentials|default credentials (?:are|were|is) not (?:available|found)|request signature we calculated does not match|secret(?: keys?)?\b[^.\n]{0,80}\b(?:are|is|have|has) expired|credentials? (?:have|has|is|are) expired|token (?:has |is )?expired|security token included in the request is (?:invalid|expired)|invalid client secret|failed to (?:refresh|retrieve|get|obtain|fetch) (?:the )?(?:access )?token|no (?:refresh |access )?token is set|error="?invalid_token|(?:do not|don't) (?:currently )?have an active account|error reading (?:the )?credentials? file|signature expired|error loading sso token|sso session (?:associated with this profile )?(?:has )?expired|(?:get|obtain|retrieve|resolve|load|find) (?:a )?valid (?:set of )?credentials|no identity (?:could be |was )?resolved|(?:sign|signing) (?:an? |the )?(?:http )?request without (?:any )?credentials|(?:unable to|could not|cannot|can't|failed to) (?:read|open|load) (?:the )?(?:web ?identity |service ?account |projected |federated )?token file|error (?:getting|retrieving|fetching|refreshing|obtaining) (?:an? |the )?(?:access |oauth2? )?(?:token|credentials)|unauthenticated|not authenticated|\w+credential:? (?:authentication )?(?:is )?unavailable|\w+credential authentication failed|error \{ kind: authentication\b)\b/],
  // Credentials as the subject of the failure, in any tool's words: "No AWS Credentials", "failed to load
  // credentials", "credentials are missing", "invalid client credentials". Impersonated credentials are
  // another account's, which IAM refused: not the caller's own.
  ['unauthenticated', /\b(?:no (?:[\w-]+ ){0,2}credentials?\b|(?:missing|invalid|incomplete|empty) (?:[\w-]+ ){0,2}credentials?\b|credentials? (?:(?:is|are|were|was) )?(?:missing|invalid|incomplete|not (?:found|set|provided|configured|available|loaded))|(?:failed|unable|could not|couldn't|cannot|can't) (?:to )?(?:load|get|find|resolve|retrieve|obtain|refresh|fetch|source|acquire) (?:(?!impersonated)[\w-]+ ){0,3}credentials?\b|(?:error|failure|failed) (?:while )?(?:loading|getting|retrieving|refreshing|resolving|fetching|sourcing) (?:[\w-]+ ){0,3}credentials?\b)/],
  ['denied', /\b(?:access denied|(?:access|permission|request) (?:is|was) denied|accessdenied|permission denied|permission_denied|not authorized to|is not authorized|are not authorized|does not have (?:the )?(?:required |necessary )?permissions?|do not have (?:the )?(?:required |necessary )?permissions?|insufficient (?:permissions?|privileges)|lacks? (?:the )?(?:required |necessary )?permissions?|(?:has|have) no permissions? to|permissions? check failed|is forbidden|forbidden by|not allowed to|cannot be assumed)\b/],
  ['throttled', /\b(?:rate exceeded|too many requests|throttl\w*|quota exceeded|rate limit(?:ed| exceeded)?)\b/],
  ['invalid-ciphertext', /\b(?:invalid ciphertext|ciphertext (?:is )?(?:invalid|corrupt\w*|malformed)|decryption failed|failed to decrypt|unable to decrypt|could not decrypt|bad decrypt)\b/],
  // An identifier that is not one: a malformed ARN, key id or resource name, refused before any lookup.
  ['invalid-id', /\b(?:invalid (?:arn|key ?id|key identifier|resource name)|is an invalid arn|(?:is )?not a valid (?:[\w-]+ ){0,3}(?:arn|key ?id|identifier|resource name|resource type)|must be a valid (?:[\w-]+ ){0,3}(?:arn|key ?id|identifier)|malformed (?:arn|key ?id|resource name|identifier)|bad cloud kms crypto key|does not contain a location)\b/],
  ['server-error', /\b(?:internal (?:server )?error|service ?unavailable|internal failure)\b/],
]

/**
 * Causes the AWS Encryption SDK finds on its own side, before or without any key service's answer:
 * a key id outside the caller's allowed list, the caller's thread interrupted. The payload then says
 * what went wrong, and it is none of the key service's conditions.
 */
const LOCAL_CAUSE = /^(?:NoSuchMasterKeyException|AbortedException)$/

export const namesLocalCause = (codes: readonly string[]) => codes.some((c) => LOCAL_CAUSE.test(c))

export function detectCondition(codes: readonly string[], httpStatus: number | undefined, message: string): Condition | undefined {
  for (const code of codes) {
    const lower = code.toLowerCase()
    for (const [condition, re] of BY_CODE) if (re.test(lower)) return condition
  }
  if (httpStatus !== undefined && BY_STATUS[httpStatus]) return BY_STATUS[httpStatus]
  // A property or field that is "not found" is a schema mismatch in a tool, not a missing resource.
  const lower = message.toLowerCase().replace(SCHEMA_MISS, '').replace(PRINCIPAL_MISS, '').replace(TOKEN_MISS, '').replace(FLAG, ' ')
  const found = BY_TEXT.filter(([, re]) => re.test(lower)).map(([condition]) => condition)
  // "does not exist, is not enabled or you do not have permissions": a sentence that folds the
  // key's states together decides none of them.
  if (found.filter((c) => FOLDED.has(c)).length > 1) return undefined
  return found[0]
}

const SCHEMA_MISS = /\b(?:property|field|attribute|parameter|argument)\s+(?:"[^"\n]{1,80}"(?:\/"[^"\n]{1,80}")?|'[^'\n]{1,80}'|[\w.-]{1,80})\s+(?:was\s+|is\s+)?not found/g

/** A service account or member that does not exist is an IAM binding's typo, not a missing key. */
const PRINCIPAL_MISS = /\b(?:service account|principal|member)\s+\S{1,200}\s+(?:does not exist|not found)/g

/** A command line's flags are settings, not what went wrong: "--executable-timeout-millis" is no timeout. */
const FLAG = /(?<![\w-])--[a-z][\w-]{1,60}/g

/** A cached sign-in token that does not exist is a sign-in to do again, not a missing resource. */
const TOKEN_MISS = /\btoken for \S{1,100} does not exist/g

const FOLDED = new Set<Condition>(['deleted', 'disabled', 'not-found', 'denied'])
