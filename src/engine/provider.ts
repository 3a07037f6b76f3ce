/** Which cloud (or OpenAI) a payload comes from, and which of its services, by fingerprints. */
import { NODE_SDK_ERROR } from './formats/openai.ts'
import { literalSet } from './phrase-set.ts'
import { anchorsOf } from './regex-anchors.ts'
import type { Provider } from './types.ts'

/** AWS KMS's own exception names: no other service raises them. */
const KMS_EXCEPTIONS = /\b(?:KMSInvalidStateException|InvalidKeyUsageException|KeyUnavailableException|DependencyTimeoutException|KMSInternalException|InvalidCiphertextException|IncorrectKeyException|InvalidGrantTokenException|DisabledException|KMSInvalidSignatureException|CustomKeyStore\w{0,40}Exception|XksProxy\w{0,40}Exception)\b/

/**
 * HashiCorp Vault's transit engine keeps its own keys: a call to it is no cloud's KMS call, whatever
 * gRPC or "kms" words wrap it (Boundary's KMS, Vault's plugins).
 */
const VAULT_TRANSIT: [RegExp, number] = [/\/v1\/transit\/(?:encrypt|decrypt|rewrap|datakey)\//, -4]

/** Azure OpenAI, Azure's own service that answers in OpenAI's shape: its name, hosts, quota link and pricing tier. */
const AZURE_OPENAI = /\bAzure OpenAI\b|\.openai\.azure\.com\b|\baka\.ms\/oai\/|\bOpenAI S0 pricing tier\b/

/** azure-identity's credential classes (DefaultAzureCredential, WorkloadIdentityCredential, …): no other SDK uses these names. */
const AZURE_CREDENTIALS = /\b(?:DefaultAzure|ManagedIdentity|Environment|ClientSecret|ClientCertificate|ClientAssertion|WorkloadIdentity|AzureCli|AzureCLI|AzurePowerShell|AzureDeveloperCli|AzurePipelines|ChainedToken|SharedTokenCache|InteractiveBrowser|DeviceCode|UsernamePassword|OnBehalfOf|VisualStudioCode|AuthorizationCode)Credential\b/

/** [pattern, weight]: weight 3 is decisive on its own, 1 only adds up, a negative weight takes away (-12 all but rules the cloud out). */
export const FINGERPRINTS: Record<Provider, [RegExp, number][]> = {
  aws: [
    [/arn:aws/, 3], [/amazonaws\.com/, 3], [/when calling the \w+ operation/, 3],
    [/\bsts:AssumeRole\b|(?<!gcp:)\bkms:(?:Encrypt|Decrypt|ReEncrypt\w*|GenerateDataKey\w*|DescribeKey|GetKeyPolicy|PutKeyPolicy|CreateGrant|ScheduleKeyDeletion|\*)/, 3],
    [/\bAWSKMS\b|AWSSecurityTokenService|com\.amazonaws|Amazon\.[A-Z]\w+|software\.amazon/, 3],
    // The SDKs and their credential chains: only AWS uses these names.
    [/botocore|boto3|@aws-sdk\/|aws-sdk-(?:go|java|cpp|php|ruby|net)|aws-encryption-sdk|\.aws\/(?:credentials|config)|\bAWS_(?:REGION|DEFAULT_REGION|PROFILE|ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|ROLE_ARN|WEB_IDENTITY_TOKEN_FILE)\b|NoCredentialProviders|Unable to locate credentials|EC2 ?metadata|aws\.(?:smithy|sdk)\.kotlin|\bCredentialsProviderChain\b|\bAssumeRoleForPodIdentity\b/, 3],
    [/"__type"|\$metadata|\$fault/, 2],
    // The instance metadata service: AWS's name for it, but Azure's answers as "Server: IMDS/…" too.
    [/\bIMDS\b/, 2],
    // The SDK for PHP's namespaces: [Aws\Exception\CredentialsException], Aws\Kms\Exception\KmsException.
    [/\bAws\\[A-Z]\w+\\/, 3],
    // The SDK for Go v1's request failure (awserr): "\tstatus code: 403, request id: …" under the code.
    [/\bstatus code: \d{3}, request id: [\w-]{8,}/, 3],
    // EC2's instance ids: i- and 17 hexadecimal digits.
    [/\bi-[0-9a-f]{17}\b/, 2],
    // AWS's authentication error codes and its SDKs' credential-chain errors (the STS and common-errors references).
    [/\b(?:InvalidClientTokenId|UnrecognizedClientException|ExpiredTokenException|InvalidSignatureException|CredentialsProviderError|EC2RoleRequestError|SharedCredsLoad|WebIdentityErr|AssumeRoleProviderErr|AssumeRoleWithWebIdentity|GetCallerIdentity|IncompleteSignature|MissingAuthenticationToken)\b|security token included in the request is (?:invalid|expired)|request signature we calculated does not match/i, 3],
    [/\b(?:ExpiredToken|SignatureDoesNotMatch|InvalidAccessKeyId)\b/, 2],
    // KMS's and STS's own sentences, which name no cloud: a malformed key id, a web identity issuer with no IAM provider.
    [/\bInvalid keyId\b|\bNo OpenIDConnect provider found\b/, 3],
    // KMS's own term for its keys before 2022, which no other cloud uses.
    [/customer master key|\bCMK\b/i, 2],
    // Terraform's AWS provider, by its name and its docs' addresses.
    [/\bAWS [Pp]rovider\b/, 2], [/\/docs\/providers\/aws\b|registry\.terraform\.io\/providers\/hashicorp\/aws\b/, 3],
    // Credentials named as AWS's: "Can't find AWS credentials!" (AWS.jl), "No AWS Credentials" (other tools' own wording).
    [/\bAWS credentials\b/i, 2],
    // Terraform's AWS resource types: aws_launch_template, aws_db_instance.
    [/\baws_[a-z0-9]+_[a-z0-9_]+\.\w/, 2],
    // KMS's own exception names (its API reference) and the key URIs of Tink, Go CDK and Vault's seal.
    [KMS_EXCEPTIONS, 3], [/\baws-?kms:\/\//, 3],
    // boto3's response dict: {'Error': {...}, 'ResponseMetadata': {'HTTPStatusCode': 400, ...}}
    [/["']ResponseMetadata["']|["']HTTPStatusCode["']/, 3], [/aws-sdk|\baws kms\b|\bAWS\b/, 1],
    // The AWS CLI's own command line: "$ aws kms list-keys".
    [/^[ \t]*(?:\$[ \t]*)?aws (?:kms|sts|iam) [a-z]+(?:-[a-z]+)*/m, 3],
    // Only AWS calls its key service plain "KMS"; Google says Cloud KMS, Azure Key Vault, and other
    // clouds' key services (OCI KMS, Alibaba Cloud KMS) are theirs.
    [/(?<!(?:Cloud|GCP|Google|Azure|gcp|google|azure|OCI|oci|Oracle|Alibaba|Aliyun|Huawei|Tencent|IBM|Yandex)[ _-]?)\bKMS\b/, 2],
    // The Common Runtime's error names, Terraform's and CloudFormation's resource types.
    [/\bAWS_(?:IO|ERROR|AUTH|HTTP)_[A-Z_]{3,60}\b|\baws_(?:kms|iam)_\w+|\bAWS::\w+::\w+/, 3],
    // Region names as only AWS writes them: us-east-1 (Google writes us-east1).
    [/\b(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?(?:east|west|north|south|central|northeast|northwest|southeast|southwest)-\d\b/, 2],
    [/\b(?:Lambda|X-Ray|CloudTrail|CloudFormation|DynamoDB|S3|EC2|EKS|ECS|RDS|SQS|SNS)\b/, 1],
    // A word ending in Exception (written without a leading \b\w+, which rescans every word).
    [/\wException\b/, 1],
    // Other clouds' S3-compatible storage answers in S3's own error XML and codes; its host says whose it is.
    [/\.myqcloud\.com|\.aliyuncs\.com|\.r2\.cloudflarestorage\.com|\.wasabisys\.com|\.backblazeb2\.com|\.digitaloceanspaces\.com|\.oraclecloud\.com|\.yandexcloud\.net|\.appdomain\.cloud/, -4],
    // An AWS CLI or SDK pointed at a local emulator (LocalStack, moto): the emulator answered, not AWS, whatever AWS names it echoes.
    [/--endpoint-url[= ]https?:\/\/(?:localhost|127\.0\.0\.1)\b|\blocalstack\b/i, -12],
    VAULT_TRANSIT,
  ],
  gcp: [
    [/googleapis\.com|cloudkms|gcloud|google\.api_core|googleapi:|google\.auth|workloadIdentityPools|\/keyRings\//, 3],
    // Workload identity federation's own attribute, the Go and Python ADC messages, GKE's workload identity annotation.
    [/\bgoogle\.subject\b|could not find default credentials|default credentials were not found|\biam\.gke\.io\b/i, 3],
    // Google's Ruby OAuth library (Signet, under googleauth) and its older PHP client's classes (Google_Auth_Exception, google/apiclient).
    [/\bSignet::\w+|\bGoogle_(?:Auth|Service)_Exception\b|\bgoogle\/apiclient\b/, 3],
    // google-cloud-rust's credentials error as Rust's Debug prints it (AWS's Rust SDK names its own without these fields).
    [/\bCredentialsError \{ is_transient:/, 3],
    [/\bgoogle\.cloud\.\w+\.v\d|google-auth|google\.golang\.org|cloud\.google\.com|@google-cloud\/|com\.google\.(?:api|cloud|auth)|Google\.(?:Apis|Cloud)|GoogleError|GOOGLE_APPLICATION_CREDENTIALS|Application Default Credentials|metadata\.google\.internal/, 3],
    [/\bGCP\b|Google Cloud|Cloud KMS|\bgcp:kms:/, 2],
    // Go's gRPC status: Google's APIs speak gRPC, but so do Argo CD, Kubernetes' plugins and many more. It only adds up.
    [/rpc error: code =/, 1],
    // A gRPC call whose OAuth token source failed: Google's Go client libraries dial their APIs this way.
    [/\btransport: oauth2: cannot fetch token\b/, 2],
    // Google's IAM permission names, its OAuth endpoint's wording and its KMS integrations (Tink, PKCS #11).
    [/\biam\.serviceAccounts\.\w+|\bcloudkms\.\w+\.\w+|oauth2\/google|Invalid JWT Signature|Token must be a short-lived token|\bgcpkms\b|\blibkmsp11\b|\bkmsp11\b|google-github-actions/, 3],
    // Google IAM's refusal, naming a permission as service.resource.verb: "Permission 'secretmanager.versions.access' denied".
    [/\bPermission ['‘"][a-z]{2,30}\.[a-zA-Z]{2,40}\.[a-zA-Z]{2,40}['’"] denied\b/, 2],
    // Cloud KMS's and Google STS's own sentences: a key version's state, a token the attribute condition rejected.
    [/\bis not enabled, current state is: [A-Z_]+|\bThe given credential is rejected by the attribute condition\b/, 3],
    // Google APIs' canonical PERMISSION_DENIED text (AIP-193); other gRPC services may reuse it.
    [/The caller does not have permission/, 2],
    // The key URIs of Tink and Go CDK, and Vault's seal type.
    [/\bgcp-?kms:\/\/|\bgcpckms\b/, 3],
    // The older form of Google's JSON errors ("errors": [{"domain": "global", "reason": …, "locationType": …}]), and
    // Google's .NET auth library printing a token endpoint's refusal (Error:"invalid_grant", Description:"…", Uri:"").
    [/["']domain["']\s{0,3}:\s{0,3}["']global["']|["']locationType["']\s{0,3}:/, 2],
    [/\bError:\s?"[a-z_]{3,40}", Description:\s?"[^"\n]{0,300}", Uri:\s?"/, 3],
    // Google's JSON error model: {"error": {"code": 403, "message": …, "status": "PERMISSION_DENIED"}}.
    [/["']status["']\s{0,3}:\s{0,3}["'](?:PERMISSION_DENIED|FAILED_PRECONDITION|INVALID_ARGUMENT|RESOURCE_EXHAUSTED|UNAUTHENTICATED|NOT_FOUND|DEADLINE_EXCEEDED|ALREADY_EXISTS|UNAVAILABLE)["']/, 3],
    [/\b(?:PERMISSION_DENIED|FAILED_PRECONDITION|INVALID_ARGUMENT|RESOURCE_EXHAUSTED|UNAUTHENTICATED|NOT_FOUND|DEADLINE_EXCEEDED)\b/, 1],
    // Resource names, service account e-mails and Terraform resource types only Google uses.
    [/\bprojects\/[\w.:-]+\/locations\/|\biam\.gserviceaccount\.com\b|\bgoogle_(?:kms|project|service_account|iam)_\w+/, 3],
    // Google's sign-in host, and Cloud KMS's resource path segments.
    [/\baccounts\.google\.com\b|\bcryptoKeyVersions\b|\bcryptoKeys\//, 3],
    // gRPC's status as Node's and .NET's clients print it ("3 INVALID_ARGUMENT: …", Grpc.Core.RpcException): of the clouds here, only Google's APIs speak gRPC.
    [/\b\d{1,2} (?:INVALID_ARGUMENT|PERMISSION_DENIED|NOT_FOUND|FAILED_PRECONDITION|UNAUTHENTICATED|RESOURCE_EXHAUSTED|DEADLINE_EXCEEDED|UNAVAILABLE|INTERNAL): |Grpc\.Core\.RpcException/, 2],
    // Region names as only Google writes them: us-central1, europe-west4.
    [/\b(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-(?:central|east|west|north|south|northeast|southeast|southwest)\d\b/, 2],
    [/\b(?:BigQuery|Dataproc|Cloud Storage|Pub\/Sub|GKE|Cloud SQL|Compute Engine)\b/, 1],
    VAULT_TRANSIT,
  ],
  azure: [
    [/AADSTS\d|vault\.azure\.net|login\.microsoftonline\.com|sts\.windows\.net|Microsoft\.KeyVault|\bAKV\d{5}\b/, 3],
    [/ForbiddenBy\w+|KeyOperationForbidden|DeniedWithNoValidRBAC|Caller: appid=|Assignment: \(not found\)/, 3],
    // Key Vault's own sentences: its firewall, and a key whose permitted operations leave one out.
    [/\bClient address is not authorized and caller is not a trusted service\b|\bOperation (?:encrypt|decrypt|wrapKey|unwrapKey|sign|verify) is not permitted on this key\b/i, 3],
    [/RequestFailedException|HttpResponseError|azure-core|azure\.core|Azure\.|autorest\/azure|\bMSAL\b|\bmsal|vault\.usgovcloudapi\.net|vault\.azure\.cn/, 3],
    // Az PowerShell cmdlets: Add-AzKeyVaultKey, Get-AzKeyVaultSecret, New-AzRoleAssignment.
    [/\b[A-Z][a-z]{1,10}-Az[A-Z]\w+/, 3],
    [/azure\.identity|@azure\/|azure-identity|azidentity|\bazurerm\b|\baz keyvault\b|AZURE_(?:TENANT_ID|CLIENT_ID|CLIENT_SECRET|FEDERATED_TOKEN_FILE|AUTHORITY_HOST|SUBSCRIPTION_ID)\b/, 3],
    // Azure OpenAI: its hosts, its quota link and its pricing tier's name.
    [AZURE_OPENAI, 3],
    // azure-identity's credential classes, the same names in every language's SDK.
    [AZURE_CREDENTIALS, 3],
    [/\bRestError\b|\bazcore\b/, 2],
    // Azure's code for a request it could not accept (Key Vault, Resource Manager); AWS and Google name theirs otherwise.
    [/\bBadParameter\b/, 2],
    // Key Vault's own error codes, and those of the services that use its keys.
    [/\b(?:KeyNotFound|KeyDisabled|ObjectIsDeletedButRecoverable|ObjectIsBeingDeleted|VaultAlreadyExists|VaultRequestTypeLimitReached|KeyCurveNotSupported|KeyVaultEncryptionKeyNotFound|KeyVaultErrorException|KeyVaultAccessForbidden)\b/, 2],
    // Pod identity and the Secrets Store CSI driver's Azure provider.
    [/aad-pod-identity|\bnmi response\b|secrets-store-csi-driver-provider-azure|csi-secrets-store-provider-azure|azure-workload-identity/, 3],
    // The Azure CLI: "ERROR: (BadParameter) …" (gcloud's is lower-case: "ERROR: (gcloud.kms.…)").
    [/^Code: \w+\r?\nMessage: |^ERROR: \([A-Z][A-Za-z]{2,60}\) /m, 2],
    // Terraform's resource types, ARM's host and resource ids, the .NET SDKs' namespaces.
    [/\bazurerm_\w+|management\.azure\.com|\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/|\bMicrosoft\.(?:Azure|Identity|Rest)\b/i, 3],
    [/\bMicrosoft Entra\b|\bAzure AD\b|\bAAD\b/, 2],
    // The service by its full name: "The server is missing required permissions on the Azure Key Vault."
    [/\bAzure Key Vault\b/, 3],
    // Managed identities as only Azure names them, and its instance metadata service's server header.
    [/\buser[- ]assigned (?:managed )?identit(?:y|ies)\b|^Server: IMDS\//im, 3],
    [/\binnererror\b|Inner error:|ErrorCode: \w+|\bAzure\b|Key ?Vault/i, 1],
    VAULT_TRANSIT,
  ],
  openai: [
    [/api\.openai\.com|platform\.openai\.com|help\.openai\.com|external_keys|external_key_id/, 3],
    // The SDKs' own names: openai.RateLimitError, openai.error.APIError, 0.x's openai.api_resources, OpenAIException, their install paths.
    [/\bopenai\.(?:error\.)?[A-Z]\w{2,40}|\bopenai\.api_resources\b|OpenAIException|OpenAiHttpException|OpenAIError|site-packages[\\/]openai[\\/]|node_modules[\\/]openai[\\/]/, 3],
    [/insufficient_quota|rate_limit_exceeded|invalid_api_key|model_not_found|context_length_exceeded|unsupported_value|\bserver_error\b|cf_bad_gateway|Error code: \d{3} - \{'error'|error, status code: \d{3}, (?:status: [^,\r\n]{0,60}, )?message:/, 2],
    // invalid_request_error is also Stripe's type: it only adds up.
    // Its own messages and model names: nothing else words a quota or names gpt-4o this way.
    [/Incorrect API key provided|You exceeded your current quota|please check your (?:plan and )?billing details|Unrecognized request argument supplied|Rate limit reached for (?:requests|tokens|[\w.-]*gpt|[\w.-]+ in organization)|in organization org-|\b(?:gpt-(?:3\.5|35|4|5)[\w.-]*|text-embedding-(?:ada|3)[\w-]*|whisper-1|dall-e-[23]|tts-1|o[134]-(?:mini|preview|pro)|text-davinci-\d{3}|gpt-image-1|chatgpt-4o-latest|omni-moderation[\w-]*)\b/, 2],
    // More of its own sentences: an overloaded model, a missing key, an unknown model, a request over the limit, the context window.
    [/That model is currently overloaded with other requests|You didn't provide an API key|The model `[^`\n]{1,80}` does not exist|Request too large for|Please reduce the length of the messages/, 2],
    // Its response headers, and its request ids (req_ and 32 hexadecimal digits).
    [/\bopenai-(?:organization|processing-ms|version|project)\b/i, 3], [/\breq_[0-9a-f]{32}\b/, 2],
    // openai-node's error classes with the status after them: "RateLimitError: 429 You exceeded…".
    [new RegExp(NODE_SDK_ERROR.source), 2],
    // Codex, OpenAI's coding agent: its ChatGPT backend and its retry and stream messages.
    [/chatgpt\.com\/backend-api|exceeded retry limit, last status: \d{3}|stream disconnected before completion/, 2],
    // OpenAI's error object in its own key order: "type" then "param" (Stripe's shares the keys, sorted), and the
    // Realtime API's error events, which end in "param" and "event_id".
    [/["']type["']\s{0,3}:\s{0,3}(?:["'][a-z_]{3,60}["']|None|null)\s{0,3},\s{0,12}["']param["']\s{0,3}:|["']param["']\s{0,3}:\s{0,3}[^,\n]{0,80},\s{0,12}["']event_id["']/, 2],
    // Its country refusal, and its API keys' permission scopes (api.responses.write, model.request).
    [/\bCountry, region, or territory not supported\b|\bMissing scopes: (?:api|model)\.[a-z_.]+/, 2],
    // OpenAI's name for its data-retention setting, which its API errors cite.
    [/Zero Data Retention/i, 2],
    [/\bopen ?ai\b/i, 1], [/invalid_request_error/, 1],
  ],
}

/** Cloud fingerprints win ties: OpenAI surfaces the providers' own errors at registration. */
const ORDER: Provider[] = ['aws', 'gcp', 'azure', 'openai']

/** Each fingerprint with the literals it cannot match without (null: always tested), and one scan for all of them. */
const GUARDED = Object.fromEntries(ORDER.map((p) => [p, FINGERPRINTS[p].map(([re, weight]) => ({ re, weight, anchors: anchorsOf(re) }))])) as Record<Provider, { re: RegExp; weight: number; anchors: string[] | null }[]>
const ANCHORS = literalSet(ORDER.flatMap((p) => GUARDED[p].flatMap((f) => f.anchors ?? [])))

export function detectProvider(text: string): Provider | undefined {
  // Most fingerprints are absent from most payloads: one scan for their literals spares running them.
  const present = ANCHORS.find(text.toLowerCase())
  const may = (anchors: string[] | null) => anchors === null || anchors.some((a) => present.has(a))
  let best: Provider | undefined
  let bestScore = 0
  for (const p of ORDER) {
    const score = GUARDED[p].reduce((sum, { re, weight, anchors }) => (may(anchors) && re.test(text) ? sum + weight : sum), 0)
    if (score > bestScore) {
      best = p
      bestScore = score
    }
  }
  return bestScore >= 2 ? best : undefined
}

/** AWS KMS's own operation names: a payload that names one is a KMS call, however it is worded. */
const KMS_OPERATIONS = /^(?:Encrypt|Decrypt|ReEncrypt|GenerateDataKey\w*|DescribeKey|GetKeyPolicy|PutKeyPolicy|CreateGrant|CreateKey|EnableKey|DisableKey|ScheduleKeyDeletion|CancelKeyDeletion|GetPublicKey)$/

export function detectService(provider: Provider | undefined, text: string, operation?: string): string | undefined {
  switch (provider) {
    case 'aws':
      // An STS action named as IAM writes it (sts:GetCallerIdentity), its endpoint or its SDK client.
      if (/\bsts:[A-Z]\w+|\bAssumeRole\w*|sts\.amazonaws|SecurityToken|\bcannot be assumed\b|No OpenIDConnect provider found/i.test(text) || operation?.startsWith('AssumeRole')) return 'sts'
      // KMS's own vocabulary: key specs and encryption algorithms name no other AWS service.
      if (/\bkms\b|arn:aws:kms|AWSKMS|KeyManagement|\bInvalid keyId\b|SYMMETRIC_DEFAULT|RSAES_OAEP_SHA_(?:1|256)|\bkey ?spec\b|\bCMKs?\b|customer (?:master|managed) key|\bdata key\b|\bkey policy\b|\bkms_key_(?:id|arn)\b|aws-?kms:\/\//i.test(text) || KMS_EXCEPTIONS.test(text)) return 'kms'
      if (operation && KMS_OPERATIONS.test(operation)) return 'kms'
      if (/\biam:|arn:aws:iam/.test(text)) return 'iam'
      return undefined
    case 'gcp':
      // invalid_grant, invalid_request and unauthorized_client (domain-wide delegation) also come from Google's ordinary OAuth token endpoint.
      if (/sts\.googleapis\.com|STS token|workloadIdentityPools|rejected by the attribute condition|workload identity (?:pool|provider|federation)|invalid_target|subject_token|federated token|token exchange|securetoken\.google|mapped attribute|attribute (?:mapping|condition)|google\.subject|\baudience\b/i.test(text)) return 'sts'
      if (/cloudkms|keyRings|cryptoKey|\bKMS\b|gcpkms|gcp-kms:\/\/|\bkey ?ring\b|\bcrypto ?key\b|current state is: (?:DISABLED|DESTROYED|DESTROY_SCHEDULED|PENDING_GENERATION|PENDING_IMPORT|IMPORT_FAILED)/i.test(text)) return 'kms'
      if (/iam\.serviceAccounts|iamcredentials|generateAccessToken|impersonat|Service Account Token Creator/i.test(text)) return 'iam'
      return undefined
    case 'azure':
      if (/AADSTS\d|login\.microsoftonline\.com/.test(text)) return 'entra'
      // Its host and names, and the codes only Key Vault returns (its throttling, soft delete and vault names).
      if (/vault\.azure\.net|Microsoft\.KeyVault|Key ?Vault|ForbiddenBy|caller is not a trusted service|is not permitted on this key|KeyOperationForbidden|KeyNotFound|KeyDisabled|\bAKV\d{5}\b|not found on any access policy|Vault(?:RequestType|Operation)LimitReached|ObjectIsDeletedButRecoverable|ObjectIsBeing(?:Deleted|Recovered)|VaultAlreadyExists/i.test(text)) return 'keyvault'
      // A model deployment that does not exist is Azure OpenAI's own code.
      if (AZURE_OPENAI.test(text) || /\bDeploymentNotFound\b/.test(text)) return 'openai'
      // Only the sign-in named: azure-identity's credentials or MSAL failed before any service was called.
      if (AZURE_CREDENTIALS.test(text) || /\bazidentity\b|\bazure[.:]identity\b|@azure\/identity|\bMSAL\b|\bmsal4j\b|\bmsal-node\b/i.test(text)) return 'entra'
      return undefined
    case 'openai':
      return 'openai'
    default:
      return undefined
  }
}

/**
 * The cloud service a payload names when it is none of the key services above: Cloud Storage,
 * Secret Manager, S3, EC2, App Configuration. An error of another service is that service's own,
 * so the key symptoms' fallbacks do not apply; a payload that names no service at all may still be ours.
 */
export function detectOtherService(provider: Provider | undefined, text: string): string | undefined {
  const named = OTHER_SERVICES[provider as keyof typeof OTHER_SERVICES]
  if (!named) return undefined
  for (const [re, name] of TOOLS_OF_ONE_SERVICE) if (re.test(text)) return name
  for (const re of named) {
    for (const m of text.matchAll(re)) {
      const raw = m.slice(1).find(Boolean)?.toLowerCase().replace(/^(?:amazon|aws)[ -]?/, '')
      const name = raw && (SAME_SERVICE[raw] ?? raw)
      if (name && !OURS.has(name)) return name
    }
  }
  return undefined
}

/**
 * Tools that call one service only and print its errors bare: Gemini CLI's footer under the Gemini API's
 * own error ("The caller does not have permission" names no service).
 */
const TOOLS_OF_ONE_SERVICE: [RegExp, string][] = [[/\bPress F12 for diagnostics, or run \/settings\b/, 'generativelanguage']]

/** Names that are a key service, or no service at all (a client library's plumbing, OAuth, type.googleapis.com's type URLs). */
const OURS = new Set(['type', 'kms', 'cloudkms', 'sts', 'iam', 'iamcredentials', 'oauth2', 'www', 'accounts', 'auth', 'keyvault', 'authorization', 'managedidentity', 'api', 'core', 'exceptions', 'internal', 'errors', 'client', 'serviceusage', 'cloudresourcemanager', 'resourcemanager', 'securitytoken', 'keymanagementservice', 'identitymanagement'])

/** Endpoints of one service under several names: Azure Storage's blob, queue, table, file and Data Lake hosts. */
const SAME_SERVICE: Record<string, string> = { blob: 'storage', queue: 'storage', table: 'storage', file: 'storage', dfs: 'storage' }

const OTHER_SERVICES = {
  aws: [
    // The action the error says was attempted, the resource's ARN, the endpoint, the Java SDK's "(Service: …".
    /perform: ([a-z0-9-]{2,30}):[A-Z]/g,
    /\barn:aws[\w-]*:([a-z0-9-]{2,30}):/g,
    /\b([a-z0-9-]{2,30})(?:\.[a-z]{2}-[a-z]+-\d)?\.amazonaws\.com\b/g,
    /\(Service: ([A-Za-z0-9 ]{2,40});/g,
  ],
  gcp: [
    /\b([a-z][a-z0-9-]{1,30})\.googleapis\.com\b/g,
    /\b(?:Permission ['‘"]?|does not have )([a-z]{2,30})\.[a-zA-Z]{2,40}\.[a-zA-Z]{2,40}/g,
    /\bcom\.google\.cloud\.([a-z]{2,30})\.|\bgoogle\.cloud\.([a-z]{2,30})\b|cloud\.google\.com\/go\/([a-z]{2,30})\b|@google-cloud\/([a-z-]{2,30})/g,
    /\b(Secret ?Manager|BigQuery|Pub\/?Sub|Cloud SQL|Cloud Storage|Cloud Run|Kubernetes Engine|Compute Engine|Dataflow)\b/gi,
  ],
  azure: [
    /\bMicrosoft\.([A-Za-z]{2,40})\//g,
    /\.(blob|queue|table|file|dfs)\.core\.windows\.net\b|\.(azconfig)\.io\b|\.(servicebus)\.windows\.net\b|\.(database)\.windows\.net\b|\.(azurecr)\.io\b/g,
  ],
} satisfies Partial<Record<Provider, RegExp[]>>
