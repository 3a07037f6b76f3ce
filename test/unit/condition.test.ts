// What went wrong, read from codes, statuses and wording. Messages are verbatim from the symptoms'
// fixtures and the domain notes.
import { describe, expect, it } from 'vitest'
import { detectCondition } from '../../src/engine/condition.ts'
import { extractFacts } from '../../src/engine/facts.ts'

const condition = (text: string) => extractFacts(text).facts.condition

describe('condition', () => {
  it('reads the most specific code first', () => {
    expect(detectCondition(['KMSInvalidStateException'], 400, 'arn:aws:kms:ap-northeast-2:111122223333:key/573b0027 is pending deletion.')).toBe('deleted')
    expect(detectCondition(['NotFoundException'], 400, 'Alias arn:aws:kms:us-east-1:123456789012:alias/ekm is not found.')).toBe('not-found')
    expect(detectCondition(['ThrottlingException'], 400, 'You have exceeded the rate at which you may call KMS.')).toBe('throttled')
    expect(detectCondition(['ExpiredTokenException'], 400, '')).toBe('unauthenticated')
    expect(detectCondition(['PERMISSION_DENIED'], 403, '')).toBe('denied')
    expect(detectCondition(['ObjectIsDeletedButRecoverable'], 409, '')).toBe('deleted')
  })

  it('does not read a DNS failure code as a missing resource', () => {
    expect(detectCondition(['ENOTFOUND'], undefined, '')).toBe('timeout')
  })

  it('falls back to the HTTP status, then to the wording', () => {
    expect(detectCondition(['HttpResponseError'], 404, '')).toBe('not-found')
    expect(detectCondition([], undefined, 'projects/p/locations/global/keyRings/k/cryptoKeys/c/cryptoKeyVersions/2 is not enabled, current state is: DISABLED.')).toBe('disabled')
    // Kinesis's KMSDisabledException (its API reference) writes the contraction.
    expect(detectCondition([], undefined, "The request was rejected because the specified customer master key (CMK) isn't enabled.")).toBe('disabled')
    expect(detectCondition([], undefined, 'Could not deliver data. Access was denied. Ensure that the delivery role has sufficient permissions to use the KMS key.')).toBe('denied')
    // Tools' own English for a denial: Vault's Cloud KMS seal check, azurerm's lacking client.
    expect(detectCondition([], undefined, 'error parsing Seal configuration: permissions check failed - ensure the service account has at least roles/cloudkms.cryptoKeyEncrypterDecrypter permissions')).toBe('denied')
    // A role that cannot be assumed, as Lambda words it (aws/chalice#1342): a refused role assumption, on STS.
    expect(condition("Error: got 'AccessDeniedException' exception back from Lambda\nThe role defined for the function cannot be assumed by Lambda.")).toBe('denied')
    expect(extractFacts('The role defined for the function cannot be assumed by Lambda.\nstatus code: 400, request id: 00000000-0000-0000-0000-000000000000').facts).toMatchObject({ provider: 'aws', service: 'sts', condition: 'denied' })
    expect(detectCondition([], undefined, 'the current client lacks permissions to read Key Rotation Policy for Key')).toBe('denied')
    expect(detectCondition([], undefined, 'failed to get token: Post "http://169.254.169.254/metadata/identity/oauth2/token": dial tcp 169.254.169.254:80: i/o timeout')).toBe('timeout')
  })

  it("reads the runtimes' own timeout wording", () => {
    expect(detectCondition([], undefined, 'A connection attempt failed because the connected party did not properly respond after a period of time')).toBe('timeout')
    expect(detectCondition([], undefined, 'TLS handshake failed with error AWS_IO_TLS_NEGOTIATION_TIMEOUT')).toBe('timeout')
  })

  it('reads missing, expired and refused credentials in the SDKs\' and clouds\' own words', () => {
    // The .NET SDK's instance-metadata chain, Google's ADC, AWS's signature check, Entra's expired secret (AADSTS7000222's text).
    expect(detectCondition([], undefined, 'Unable to get IAM security credentials from EC2 Instance Metadata Service.')).toBe('unauthenticated')
    expect(detectCondition([], undefined, 'google.auth.exceptions.DefaultCredentialsError: Your default credentials were not found.')).toBe('unauthenticated')
    expect(detectCondition([], undefined, 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.')).toBe('unauthenticated')
    expect(detectCondition([], undefined, "The provided client secret keys for app '00000000-0000-0000-0000-000000000000' are expired.")).toBe('unauthenticated')
    expect(detectCondition(['ClientAuthenticationError'], undefined, 'DefaultAzureCredential failed to retrieve a token from the included credentials.')).toBe('unauthenticated')
    // gcloud, google-auth-library-nodejs and the .NET library when there are no usable credentials; an expired SigV4 signature (the symptoms' fixtures).
    expect(detectCondition([], undefined, 'ERROR: (gcloud.compute.disks.list) You do not currently have an active account selected.')).toBe('unauthenticated')
    expect(detectCondition([], undefined, 'Error: No refresh token is set.')).toBe('unauthenticated')
    expect(detectCondition([], undefined, "Error reading credential file from location C:\\GOOGLE_API\\apps.googleusercontent.com.json: Could not find file")).toBe('unauthenticated')
    expect(detectCondition([], undefined, 'SignatureDoesNotMatch: Signature expired: 20151221T200419Z is now earlier than 20151221T201450Z (20151221T201950Z - 5 min.)')).toBe('unauthenticated')
    // The SDKs' own words for an empty credential chain: the CRT, the Kotlin SDK, a token file that cannot be read.
    expect(detectCondition(['RuntimeException'], undefined, 'Failed to get a valid set of credentials')).toBe('unauthenticated')
    expect(detectCondition(['IdentityProviderException'], undefined, 'No identity could be resolved from the chain: CredentialsProviderChain -> SystemPropertyCredentialsProvider')).toBe('unauthenticated')
    expect(detectCondition([], undefined, 'aws-c-auth: AWS_AUTH_SIGNING_NO_CREDENTIALS, Attempt to sign an http request without credentials')).toBe('unauthenticated')
    expect(detectCondition([], undefined, "connect failed: unable to read web identity token file in pod: open : no such file or directory")).toBe('unauthenticated')
    // azure-identity's credentials in their own words (the client-credentials symptom's fixtures): unavailable, or failed.
    expect(condition('azure:identity:info WorkloadIdentityCredential => WorkloadIdentityCredential: is unavailable. tenantId, clientId, and federatedTokenFilePath are required parameters.')).toBe('unauthenticated')
    expect(extractFacts('Message        : ClientCertificateCredential authentication failed: The certificate certificate does not have a private key.').facts).toMatchObject({ provider: 'azure', service: 'entra', condition: 'unauthenticated' })
    // Credentials as the subject of the failure, in words no rule lists: Kafka's MSK IAM module and the SDK for JavaScript v2 (tuning awse-014, awssts-015).
    expect(detectCondition([], undefined, 'Failed to find AWS IAM Credentials ')).toBe('unauthenticated')
    expect(detectCondition([], undefined, 'Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1')).toBe('unauthenticated')
    // Impersonated credentials that IAM refused are a denial, decided by the rest of the payload.
    expect(detectCondition([], undefined, "google.auth.exceptions.RefreshError: ('Unable to acquire impersonated credentials', '{")).toBeUndefined()
    // A command line's flag names are settings: gcloud's usage text is no timeout (tuning idem-022).
    expect(detectCondition([], undefined, 'Usage: gcloud iam workload-identity-pools create-cred-config AUDIENCE --output-file=OUTPUT_FILE\n                         --executable-output-file |\n                         --executable-timeout-millis | --help |')).toBeUndefined()
    // A credential AWS does not know, and a pod's token file it cannot read, before any resource's condition (the credentials symptom's fixtures).
    expect(condition('aws.sdk.kotlin.services.s3.model.S3Exception: The Access Key Id you provided does not exist in our records., Request ID: <some-id>')).toBe('unauthenticated')
    expect(detectCondition(['WebIdentityErr'], undefined, 'WebIdentityErr: unable to read file at /var/run/secrets/eks.amazonaws.com/serviceaccount/token\ncaused by: open /var/run/secrets/eks.amazonaws.com/serviceaccount/token: permission denied')).toBe('unauthenticated')
    // Key Vault's own words for a soft-deleted vault holding its name (the soft-delete symptom's fixture).
    expect(detectCondition(['CloseError'], undefined, 'it is possible that a vault with the same name was recently deleted but not purged after being placed in a recoverable state.')).toBe('deleted')
    // gRPC's resolver with no address to call, a service unavailable in one word, Google's Java auth library.
    expect(detectCondition([], undefined, 'TinkError: INVALID_ARGUMENT: GCP KMS encryption failed: empty address list: ')).toBe('timeout')
    // libmongocrypt when its KMS request used up its retries (mongodb/mongo-ruby-driver#3082).
    expect(detectCondition([], undefined, 'KMS request failed after 3 retries due to a network error')).toBe('timeout')
    expect(detectCondition([], undefined, 'init - Startup failed: kms_error (ServiceUnavailable: EC2 metadata query)')).toBe('server-error')
    expect(detectCondition([], undefined, 'java.io.IOException: Error getting access token for service account')).toBe('unauthenticated')
    // A bearer token the server rejected (RFC 6750), as Dart's googleapis_auth prints it (dart-lang/pub-dev#5207).
    expect(condition('Access was denied (www-authenticate header was: Bearer realm="https://accounts.google.com/", error=invalid_token).')).toBe('unauthenticated')
    // A key that is not found is still a missing key.
    expect(detectCondition([], undefined, 'Key not found: projects/p/locations/global/keyRings/r/cryptoKeys/k')).toBe('not-found')
  })

  it('reads an identifier refused as malformed, whatever names it', () => {
    expect(detectCondition(['InvalidArnException'], 400, '')).toBe('invalid-id')
    // Terraform's AWS provider refusing an alias and a bare key id where an ARN is due (tuning awsc-021, awsg-019).
    expect(detectCondition([], undefined, 'Value must be a valid KMS Key ID, got "alias/terraform-key"')).toBe('invalid-id')
    expect(detectCondition([], undefined, '"block_device_mappings.0.ebs.0.kms_key_id" (4a16e7ff-1436-4604-a3a9-cc8771da4641) is an invalid ARN: arn: invalid prefix')).toBe('invalid-id')
    // Cloud Storage and BigQuery refusing a key name that is not a full resource path (tuning gcpf-026, gcpd-011).
    expect(detectCondition(['INVALID_ARGUMENT'], 400, 'Bad Cloud KMS crypto key')).toBe('invalid-id')
    expect(detectCondition(['invalid'], undefined, 'The KMS key does not contain a location.')).toBe('invalid-id')
    // A malformed ciphertext is still a ciphertext problem.
    expect(detectCondition([], undefined, 'The ciphertext is malformed')).toBe('invalid-ciphertext')
  })

  it('reads a cached sign-in token that does not exist as a sign-in to do again', () => {
    // The AWS CLI with an expired IAM Identity Center session (tuning intk-004).
    expect(detectCondition([], undefined, 'Error loading SSO Token: Token for test does not exist')).toBe('unauthenticated')
  })

  it('reads no key-service condition when the Encryption SDK names a cause of its own', () => {
    // aws/aws-encryption-sdk-java#1869 (tuning awsk-028), shortened: a key id outside the provider's allowed list.
    const sample = 'com.amazonaws.encryptionsdk.exception.CannotUnwrapDataKeyException: Unable to decrypt any data keys\n\tat com.amazonaws.encryptionsdk.kms.KmsMasterKeyProvider.decryptDataKey(KmsMasterKeyProvider.java:504)\nCaused by: com.amazonaws.encryptionsdk.exception.NoSuchMasterKeyException: Key must be in supplied list of keyIds.'
    expect(extractFacts(sample).facts.condition).toBeUndefined()
  })

  it('does not read a missing service account as a missing resource', () => {
    expect(detectCondition([], undefined, 'Error setting IAM policy for KMS CryptoKey: Service account sa@p.iam.gserviceaccount.com does not exist.')).toBeUndefined()
  })

  it('reads the rest of the payload when its messages say nothing of what went wrong', () => {
    expect(condition('{"message": "request failed", "timeout": 0}\ncaused by: dial tcp 10.0.0.1:443: i/o timeout')).toBe('timeout')
  })

  it('decides nothing when one sentence folds several states together', () => {
    expect(detectCondition([], undefined, 'The specified KMS key does not exist, is not enabled or you do not have permissions to access it.')).toBeUndefined()
  })

  it('is read into the facts of a pasted error', () => {
    expect(condition('ERROR: (gcloud.kms.encrypt) NOT_FOUND: CryptoKey projects/PROJECT_ID/locations/global/keyRings/android-gradle/cryptoKeys/default not found.')).toBe('not-found')
    expect(condition('Status: 429 (Too Many Requests)\nErrorCode: Throttled')).toBe('throttled')
    expect(condition('npm ERR! code E404')).toBeUndefined()
  })
})
