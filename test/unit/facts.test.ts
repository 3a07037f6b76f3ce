// Facts from every format users paste. Inputs are the verbatim examples cited in the domain
// notes (SDK sources and public issues), shortened where a line is irrelevant.
import { describe, expect, it } from 'vitest'
import { extractFacts } from '../../src/engine/facts.ts'

const facts = (text: string) => extractFacts(text).facts

describe('AWS formats', () => {
  it('botocore / aws-cli, with retry info', () => {
    const f = facts("An error occurred (ThrottlingException) when calling the Encrypt operation (reached max retries: 3): You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.")
    expect(f).toMatchObject({ provider: 'aws', service: 'kms', operation: 'Encrypt', code: 'ThrottlingException' })
    expect(f.message).toMatch(/^You have exceeded/)
  })

  it('boto3 ClientError for STS, with role ARN', () => {
    const f = facts('botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/AmazonOrders')
    expect(f).toMatchObject({ provider: 'aws', service: 'sts', operation: 'AssumeRole', code: 'AccessDenied' })
    expect(f.resources).toMatchObject({ roleArn: 'arn:aws:iam::123456789012:role/AmazonOrders', account: '123456789012' })
  })

  it('Java SDK v1', () => {
    const f = facts('com.amazonaws.services.kms.model.AWSKMSException: You have exceeded the rate at which you may call KMS. (Service: AWSKMS; Status Code: 400; Error Code: ThrottlingException; Request ID: 6d3c5c1e-1111-2222-3333-444455556666)')
    expect(f).toMatchObject({ provider: 'aws', service: 'kms', code: 'ThrottlingException', httpStatus: 400, requestId: '6d3c5c1e-1111-2222-3333-444455556666' })
  })

  it('Go SDK v1, status on the next line', () => {
    const f = facts('DisabledException: arn:aws:kms:us-west-2:187416307283:key/7e5a8e30-1111-2222-3333-444455556666 is disabled.\n\tstatus code: 400, request id: 0a1b2c3d-0000-1111-2222-333344445555')
    expect(f).toMatchObject({ provider: 'aws', service: 'kms', code: 'DisabledException', httpStatus: 400 })
    expect(f.resources).toMatchObject({ region: 'us-west-2', account: '187416307283' })
    expect(f.resources.keyArn).toMatch(/^arn:aws:kms:us-west-2:187416307283:key\//)
  })

  it('Go SDK v2 operation error', () => {
    const f = facts('operation error KMS: Decrypt, https response error StatusCode: 400, RequestID: 3f1e0000-aaaa-bbbb-cccc-ddddeeeeffff, IncorrectKeyException: The key ID in the request does not identify a CMK that can perform this operation.')
    expect(f).toMatchObject({ provider: 'aws', service: 'kms', operation: 'Decrypt', code: 'IncorrectKeyException', httpStatus: 400 })
  })

  it('PHP SDK', () => {
    const f = facts('Error executing "AssumeRole" on "https://sts.eu-west-1.amazonaws.com"; AWS HTTP error: Client error: `POST https://sts.eu-west-1.amazonaws.com` resulted in a `403 Forbidden` response: Sender AccessDeni (truncated...) AccessDenied (client): User: arn:aws:iam::123456789012:user/app is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/x')
    expect(f).toMatchObject({ provider: 'aws', service: 'sts', operation: 'AssumeRole', code: 'AccessDenied' })
    expect(f.resources.region).toBe('eu-west-1')
  })

  it('SDK for JavaScript v3 error object', () => {
    const f = facts('{"name":"NotFoundException","$fault":"client","$metadata":{"httpStatusCode":400,"requestId":"9a8b7c6d-1111-2222-3333-444455556666","attempts":1,"totalRetryDelay":0},"message":"Alias arn:aws:kms:us-east-1:123456789012:alias/ekm is not found."}')
    expect(f).toMatchObject({ provider: 'aws', code: 'NotFoundException', httpStatus: 400, requestId: '9a8b7c6d-1111-2222-3333-444455556666' })
    expect(f.resources.aliasArn).toBe('arn:aws:kms:us-east-1:123456789012:alias/ekm')
  })

  it('raw awsJson body with a namespaced __type', () => {
    const f = facts('{"__type":"com.amazonaws.kms#AccessDeniedException","Message":"User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab with an explicit deny in a resource-based policy"}')
    expect(f).toMatchObject({ provider: 'aws', service: 'kms', code: 'AccessDeniedException' })
    expect(f.resources.callerArn).toBe('arn:aws:sts::123456789012:assumed-role/r/s')
  })

  it('STS XML error', () => {
    const f = facts('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/EnterpriseKeyManagement/OpenAI-EKM-Service is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/ekm</Message></Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>')
    expect(f).toMatchObject({ provider: 'aws', service: 'sts', code: 'AccessDenied', requestId: 'c6104cbe-af31-11e0-8154-cbc7ccf896c7' })
  })

  it('.NET SDK exception', () => {
    const f = facts("Amazon.SecurityToken.AmazonSecurityTokenServiceException: 'User: arn:aws:iam::123456789:user/UserAccount is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/r'")
    expect(f).toMatchObject({ provider: 'aws', service: 'sts' })
  })
})

describe('Google, by the shape of its errors', () => {
  it("reads the older JSON error form and the .NET auth library's token error (tuning credm-012, credm-033)", () => {
    // https://github.com/fsspec/gcsfs/issues/32
    const older = 'RuntimeError: {\n "error": {\n  "errors": [\n   {\n    "domain": "global",\n    "reason": "authError",\n    "message": "Invalid Credentials",\n    "locationType": "header",\n    "location": "Authorization"\n   }\n  ],\n  "code": 401,\n  "message": "Invalid Credentials"\n }\n}'
    expect(facts(older)).toMatchObject({ provider: 'gcp', httpStatus: 401, condition: 'unauthenticated' })
    // https://github.com/googleapis/google-api-dotnet-client/issues/690
    expect(facts('Error:"invalid_grant", Description:"Token has been revoked.", Uri:""')).toMatchObject({ provider: 'gcp', condition: 'unauthenticated' })
  })

  it("does not take any gRPC status for Google's, but does its OAuth transport (tuning credm-016, gcp-036)", () => {
    // https://github.com/argoproj/argo-cd/issues/12435: Argo CD's CLI speaks gRPC too.
    expect(facts('time="2023-02-13T12:32:41+05:30" level=fatal msg="rpc error: code = Unauthenticated desc = invalid session: failed to verify the token"').provider).toBeUndefined()
    expect(facts('rpc error: code = Unauthenticated desc = transport: oauth2: cannot fetch token: 400 Bad Request').provider).toBe('gcp')
  })
})

describe("the clouds' own sentences, with nothing else that names the cloud", () => {
  it.each([
    // Tuning payloads: Crossplane's event, an init container, Key Vault's firewall and operations, Cloud KMS, Google STS, OpenAI.
    [{ provider: 'aws', service: 'kms' }, ' Warning CannotObserveExternalResource 47s (x8 over 2m44s) managed/key.kms.aws.crossplane.io failed to describe Key: NotFoundException: Invalid keyId '],
    [{ provider: 'aws', service: 'sts' }, 'WebIdentityError: Failed to retrieve credentials.\ncaused by Invalid Identity token: No OpenIDConnect provider found in account'],
    [{ provider: 'azure', service: 'keyvault' }, 'Client address is not authorized and caller is not a trusted service.\nClient address: 40.74.28.0'],
    [{ provider: 'azure', service: 'keyvault' }, 'Operation decrypt is not permitted on this key.'],
    [{ provider: 'gcp', service: 'kms' }, 'failed to fetch public key: rpc error: code = FailedPrecondition desc = [redacted] is not enabled, current state is: PENDING_GENERATION.'],
    [{ provider: 'gcp', service: 'sts' }, 'The given credential is rejected by the attribute condition.'],
    [{ provider: 'openai' }, 'You have insufficient permissions for this operation. Missing scopes: api.responses.read, api.responses.write'],
    [{ provider: 'openai' }, 'RateLimitError\n[429] Your account is not active, please check your billing details on our website.'],
    // openai-node's context-length message (the symptom's fixture openai-node-context-length).
    [{ provider: 'openai' }, "Error: 400 This model's maximum context length is 128000 tokens. However, your messages resulted in 204308 tokens. Please reduce the length of the messages."],
    [{ provider: 'aws' }, 'Error: No valid credential sources found for AWS Provider.\n\tPlease see https://terraform.io/docs/providers/aws/index.html for more information on'],
  ])('%o', (expected, text) => {
    expect(facts(text)).toMatchObject(expected)
  })
})

describe('local emulators', () => {
  it('does not read an AWS CLI pointed at LocalStack as AWS (tuning awsl-020)', () => {
    // https://github.com/localstack/localstack/issues/5410
    const sample = 'aws kms disable-key --key-id arn:aws:kms:us-west-2:000000000000:key/11111111-2222-3333-4444-555555555555 --endpoint-url http://localhost:4566\n\nAn error occurred (500) when calling the DisableKey operation (reached max retries: 4): <title>500 Internal Server Error</title>'
    expect(facts(sample).provider).toBeUndefined()
    expect(facts(sample.replace(' --endpoint-url http://localhost:4566', '')).provider).toBe('aws')
  })
})

describe('permissions', () => {
  it('never reads an ARN\'s service and region as an action', () => {
    // The shape of a payload in the awsc corpus round, whose ARN had its region replaced by a word.
    const f = facts('An error occurred (InsufficientEncryptionPolicyException) when calling the CreateTrail operation: Insufficient permissions to access S3 bucket b or KMS key arn:aws:kms:RegionName:111122223333:key/k.')
    expect(f.permission).toBeUndefined()
    expect(facts('User: arn:aws:sts::111122223333:assumed-role/r/s is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/k').permission).toBe('kms:Decrypt')
  })

  it("reads a Google permission as service.collection.verb, not a log module's dotted name", () => {
    expect(facts('2025-05-20T00:33:45.607Z [WARN]  storage.raft.fsm: raft FSM db file has wider permissions than needed').permission).toBeUndefined()
    expect(facts("Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).").permission).toBe('iam.serviceAccounts.getAccessToken')
  })
})

describe('Google Cloud formats', () => {
  it('gcloud', () => {
    const f = facts("ERROR: (gcloud.kms.decrypt) PERMISSION_DENIED: Permission 'cloudkms.cryptoKeyVersions.useToDecrypt' denied on resource 'projects/acme-prod/locations/us-east1/keyRings/ekm/cryptoKeys/openai' (or it may not exist).")
    expect(f).toMatchObject({ provider: 'gcp', service: 'kms', operation: 'Decrypt', code: 'PERMISSION_DENIED', httpStatus: 403 })
    expect(f.resources).toMatchObject({ project: 'acme-prod', location: 'us-east1', keyRing: 'ekm', key: 'openai' })
  })

  it('google-api-core exception class', () => {
    const f = facts("google.api_core.exceptions.NotFound: 404 Received the following error message from Cloud KMS: The request concerns location 'us-east1' but was sent to location 'global'.")
    expect(f).toMatchObject({ provider: 'gcp', code: 'NOT_FOUND', httpStatus: 404 })
  })

  it('Node gRPC status', () => {
    // Only Google's APIs speak gRPC among the clouds here, so the status line tells the cloud too.
    expect(facts("Error: 3 INVALID_ARGUMENT: Decryption failed: verify that 'name' refers to the correct CryptoKey.")).toMatchObject({ provider: 'gcp', code: 'INVALID_ARGUMENT', httpStatus: 400 })
  })

  it('Go gRPC status', () => {
    expect(facts('rpc error: code = FailedPrecondition desc = projects/acme-prod/locations/global/keyRings/ekm/cryptoKeys/openai/cryptoKeyVersions/1 is not enabled, current state is: DESTROYED.')).toMatchObject({ provider: 'gcp', code: 'FAILED_PRECONDITION', resources: { keyVersion: '1' } })
  })

  it("Cloud KMS's resource path alone", () => {
    expect(facts('source key/cryptoKeyVersions/1 has value DESTROYED in field crypto_key_version.state., failedPrecondition').provider).toBe('gcp')
  })

  it('Go REST googleapi with reason', () => {
    const f = facts("googleapi: Error 400: Decryption failed: verify that 'name' refers to the correct CryptoKey., badRequest")
    expect(f).toMatchObject({ provider: 'gcp', httpStatus: 400 })
    expect(f.codes).toContain('badRequest')
  })

  it('.NET and Rust gRPC', () => {
    expect(facts('Grpc.Core.RpcException: Status(StatusCode=InvalidArgument, Detail="Decryption failed.")')).toMatchObject({ provider: 'gcp', code: 'INVALID_ARGUMENT' })
    expect(facts("Status { code: NotFound, message: \"The request concerns location 'europe-west4' but was sent to location 'global'.\" }").code).toBe('NOT_FOUND')
  })

  it('REST JSON with ErrorInfo reason', () => {
    const f = facts('{"error":{"code":403,"message":"Cloud Key Management Service (KMS) API has not been used in project 123456789012 before or it is disabled.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED","domain":"googleapis.com","metadata":{"consumer":"projects/123456789012","service":"cloudkms.googleapis.com"}}]}}')
    expect(f).toMatchObject({ provider: 'gcp', code: 'SERVICE_DISABLED', httpStatus: 403 })
    expect(f.codes).toEqual(expect.arrayContaining(['SERVICE_DISABLED', 'PERMISSION_DENIED']))
  })

  it('Google\'s JSON error model alone, with nothing else that names Google', () => {
    // https://github.com/google-github-actions/auth/issues/120
    const f = facts('"error": {\n    "code": 403,\n    "message": "The caller does not have permission",\n    "status": "PERMISSION_DENIED"\n  }')
    expect(f).toMatchObject({ provider: 'gcp', code: 'PERMISSION_DENIED', httpStatus: 403 })
  })

  it('STS OAuth error as the Python dict OpenAI surfaces', () => {
    const f = facts("Failed to acquire GCP STS token for audience //iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/openai/providers/openai-oidc: {'error': 'invalid_grant', 'error_description': 'The audience in ID Token [org-abc] does not match the expected audience org-xyz.'}")
    expect(f).toMatchObject({ provider: 'gcp', service: 'sts', code: 'invalid_grant' })
    expect(f.message).toMatch(/^The audience in ID Token/)
    expect(f.resources).toMatchObject({ projectNumber: '123456789012', pool: 'openai', wifProvider: 'openai-oidc' })
  })
})

describe('Azure formats', () => {
  it('Key Vault JSON with innererror', () => {
    const f = facts('{"error":{"code":"Forbidden","message":"Operation decrypt is not permitted on this key.","innererror":{"code":"KeyOperationForbidden"}}}')
    expect(f).toMatchObject({ provider: 'azure', service: 'keyvault', code: 'KeyOperationForbidden' })
    expect(f.codes).toContain('Forbidden')
  })

  it('azure-core HttpResponseError text', () => {
    const f = facts('(Forbidden) Operation get is not allowed on a disabled secret.\nCode: Forbidden\nMessage: Operation get is not allowed on a disabled secret.\nInner error: {\n    "code": "SecretDisabled"\n}')
    expect(f).toMatchObject({ provider: 'azure', code: 'SecretDisabled' })
  })

  it('.NET RequestFailedException with escaped line breaks', () => {
    const f = facts('Service request failed.\\r\\nStatus: 403 (Forbidden)\\r\\n\\r\\nContent:\\r\\n{"error":{"code":"Forbidden","message":"Operation decrypt is not permitted on this key.","innererror":{"code":"KeyOperationForbidden"}}}\\r\\n\\r\\nHeaders:')
    expect(f).toMatchObject({ code: 'KeyOperationForbidden', httpStatus: 403 })
  })

  it('Go autorest', () => {
    const f = facts('keyvault.BaseClient#GetSecret: Failure responding to request: StatusCode=403 -- Original Error: autorest/azure: Service returned an error. Status=403 Code="Forbidden" Message="Client address is not authorized and caller is not a trusted service.\\r\\nClient address: 203.0.113.9\\r\\nCaller: appid=00000000-0000-0000-0000-000000000000;oid=00000000-0000-0000-0000-000000000001;iss=https://sts.windows.net/11111111-2222-3333-4444-555555555555/\\r\\nVault: acme-kv;location=westeurope" InnerError={"code":"ForbiddenByFirewall"}')
    expect(f).toMatchObject({ provider: 'azure', code: 'ForbiddenByFirewall', httpStatus: 403 })
    expect(f.resources).toMatchObject({ vault: 'acme-kv', tenant: '11111111-2222-3333-4444-555555555555' })
  })

  it('Pulumi', () => {
    expect(facts('keyvault.BaseClient#Encrypt: [ForbiddenByRbac (Forbidden)] Caller is not authorized to perform action on resource.').code).toBe('ForbiddenByRbac')
  })

  it('Entra token error JSON', () => {
    const f = facts('{"error":"invalid_client","error_description":"AADSTS7000229: The client application 20a14814-5ab7-4612-a671-1382b412bf93 is missing service principal in the tenant 11111111-2222-3333-4444-555555555555. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119\\r\\nTrace ID: x\\r\\nCorrelation ID: y","error_codes":[7000229]}')
    expect(f).toMatchObject({ provider: 'azure', service: 'entra', code: 'AADSTS7000229' })
    expect(f.resources).toMatchObject({ appId: '20a14814-5ab7-4612-a671-1382b412bf93', tenant: '11111111-2222-3333-4444-555555555555' })
  })

  it("Azure OpenAI, Azure's service that answers in OpenAI's shape (tuning oail-001, oail-025)", () => {
    // https://github.com/64bit/async-openai/issues/94: no other word names Azure or OpenAI.
    const quota = '{"error": {"code": 429, "message": "Requests to the Creates a completion for the chat message Operation under Azure OpenAI API version 2023-05-15 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 60 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit."}}'
    expect(facts(quota)).toMatchObject({ provider: 'azure', service: 'openai' })
    // https://github.com/microsoft/semantic-kernel/issues/4464
    expect(facts('---> Azure.RequestFailedException: The API deployment for this resource does not exist.\nStatus: 404 (Not Found)\nErrorCode: DeploymentNotFound')).toMatchObject({ provider: 'azure', service: 'openai', httpStatus: 404 })
  })
})

describe('OpenAI and raw HTTP', () => {
  it('openai-python exception with a dict repr', () => {
    const f = facts(`openai.BadRequestError: Error code: 400 - {'error': {'message': "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'type': 'invalid_request_error', 'param': 'max_tokens', 'code': 'unsupported_parameter'}}`)
    expect(f).toMatchObject({ provider: 'openai', code: 'unsupported_parameter', httpStatus: 400 })
    expect(f.codes).toContain('invalid_request_error')
  })

  it('openai-node message', () => {
    expect(facts('BadRequestError: 400 Invalid \'key_name\': string does not match pattern.')).toMatchObject({ code: 'BadRequestError', httpStatus: 400 })
  })

  it("OpenAI's error object by its key order alone, and not Stripe's with the same keys", () => {
    // The openai-api-error-not-ekm fixtures revchatgpt-invalid-url-404.txt and realtime-error-events-audio-buffer-active-response.txt.
    expect(facts('Exception: Error: 404 Not Found {\n  "error": {\n    "message": "Invalid URL (POST /v1/chat/completions)",\n    "type": "invalid_request_error",\n    "param": null,\n    "code": null\n  }\n}').provider).toBe('openai')
    expect(facts("Error: {'type': 'invalid_request_error', 'code': None, 'message': 'Conversation already has an active response', 'param': None, 'event_id': None}").provider).toBe('openai')
    // Stripe's error object sorts its keys (the unrelated fixture stripe-resource-missing-json.txt).
    expect(facts('{"error": {"code": "resource_missing", "doc_url": "https://stripe.com/docs/error-codes/resource-missing", "message": "No such price: \'price_123\'", "param": "line_items[0][price]", "type": "invalid_request_error"}}').provider).toBeUndefined()
  })

  it('curl -i response with headers and a JSON body', () => {
    const f = facts('HTTP/2 429\ncontent-type: application/json\nx-request-id: req_0123456789abcdef\n\n{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}')
    expect(f).toMatchObject({ code: 'rate_limit_exceeded', httpStatus: 429, requestId: 'req_0123456789abcdef' })
  })

  it('JSON serialised inside a JSON log line', () => {
    const f = facts('{"level":"error","msg":"kms call failed","err":"{\\"__type\\":\\"DisabledException\\",\\"message\\":\\"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab is disabled.\\"}"}')
    expect(f).toMatchObject({ provider: 'aws', code: 'DisabledException' })
  })
})

describe('provider and service from key vocabulary', () => {
  // KMS's exception names, Tink's key URIs and the words AWS uses for its keys name the key service.
  it('a bare KMS exception name is AWS KMS', () => {
    expect(facts('DisabledException: arn:aws:kms:us-west-2:111122223333:key/7e5a8e30-49a3-4257-b12a-277cf3d6bfaa is disabled.')).toMatchObject({ provider: 'aws', service: 'kms', condition: 'disabled' })
    expect(facts('KMSInvalidStateException: the key is pending deletion')).toMatchObject({ provider: 'aws', service: 'kms', condition: 'deleted' })
  })

  it("each cloud's credential variables and workload identity annotation tell the cloud, as env and kubectl print them", () => {
    expect(facts('AWS_ROLE_ARN=ekm-role').provider).toBe('aws')
    expect(facts('AZURE_FEDERATED_TOKEN_FILE=/var/run/secrets/azure/tokens/azure-identity-token').provider).toBe('azure')
    expect(facts('Annotations: iam.gke.io/gcp-service-account: ekm-sa').provider).toBe('gcp')
  })

  it("another cloud's S3-compatible storage is not AWS, though it answers in S3's error XML", () => {
    // Tencent Cloud COS through PicGo (tuning intk-017), shortened.
    expect(facts('StatusCodeError: 403 - "<?xml version=\'1.0\' encoding=\'utf-8\' ?>\\n<Error>\\n\\t<Code>SignatureDoesNotMatch</Code>\\n\\t<Message>The Signature you specified is invalid.</Message>\\n\\t<Resource>o2-1250000000.cos.ap-beijing.myqcloud.com/image.png</Resource>').provider).toBeUndefined()
  })

  it("HashiCorp Vault's transit engine is no cloud's KMS, whatever gRPC and kms words wrap it", () => {
    // Boundary's root key through Vault transit (tuning nerk-002), shortened.
    const f = facts('kms.(rootKeyVersion).Decrypt: unable to decrypt: error unwrapping value: rpc error: code = Unknown desc = Error making API request.\n\nURL: PUT https://192.168.21.100:8200/v1/transit/decrypt/boundary_root_key\nCode: 400. Errors:\n\n* invalid ciphertext: no prefix')
    expect(f.provider).toBeUndefined()
  })

  it("a Tink key URI names its cloud's KMS", () => {
    expect(facts('GeneralSecurityException: decryption failed for gcp-kms://projects/p/locations/global/keyRings/r/cryptoKeys/k')).toMatchObject({ provider: 'gcp', service: 'kms' })
  })

  it("another cloud's KMS is not AWS's", () => {
    expect(facts("Error parsing Seal configuration: 'key_id' not found for OCI KMS seal configuration").provider).toBeUndefined()
  })

  it('the customer master key of an AWS message is KMS', () => {
    expect(facts('An error occurred (AccessDeniedException) when calling the Decrypt operation: The ciphertext refers to a customer master key that does not exist')).toMatchObject({ provider: 'aws', service: 'kms' })
  })
})

describe('cloud from names only that cloud uses', () => {
  it.each([
    ['aws', 'Client connection failed with error 1067 (AWS_IO_TLS_NEGOTIATION_TIMEOUT).'],
    ['aws', 'Error: creating aws_kms_alias.openai: operation error: key is disabled in eu-west-1'],
    ['gcp', 'rpc failed for projects/acme/locations/us-central1/keyRings/ekm: permission denied'],
    ['gcp', 'openai-ekm@acme-prod.iam.gserviceaccount.com lacks access in europe-west4'],
    ['azure', 'azurerm_key_vault_key.openai: retrieving key: unexpected status 403'],
    ['azure', 'GET https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/x failed'],
  ])('%s: %s', (provider, text) => {
    expect(facts(text).provider).toBe(provider)
  })

  it('an AWS region is not a Google one, and the other way round', () => {
    expect(facts('request timed out in us-east-1').provider).toBe('aws')
    expect(facts('request timed out in us-east1').provider).toBe('gcp')
  })
})

describe('credential codes and permissions only one cloud uses', () => {
  it.each([
    ['aws', 'Error: error validating provider credentials: InvalidClientTokenId: The security token included in the request is invalid.'],
    ['aws', 'WebIdentityErr: failed to retrieve credentials'],
    ['gcp', "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist)."],
    ['azure', 'VaultRequestTypeLimitReached: Rate of requests exceeded'],
    // The SDK for Go v1's request failure, with no other word of AWS (kube-aws: https://github.com/coreos/coreos-kubernetes/issues/704).
    ['aws', 'Error: failed to compress TLS assets: AccessDeniedException: \n\tstatus code: 400, request id: dfe6fdee-895d-11e6-a8a7-01f2e20042c1'],
    ['aws', 'Instance i-002063fcc56a1fa19 failed to stabilize. Current state: shutting-down. Reason: Client.InternalError: Client error on launch'],
    ['gcp', '"error_description": "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe."'],
  ])('%s: %s', (provider, text) => {
    expect(facts(text).provider).toBe(provider)
  })

  // Credentials as the libraries and tools name them (tuning awso-028, gcpo-005, gcpo-010, gcpo-036, azoo-013).
  it.each([
    ['aws', 'unauthenticated', "ERROR: LoadError: Can't find AWS credentials!"],
    ['gcp', 'unauthenticated', '{ Signet::AuthorizationError (Authorization failed.  \nServer message:\n{\n  "error": "invalid_grant",\n  "error_description": "Bad Request"\n})'],
    ['gcp', 'unauthenticated', 'Google_Auth_Exception: Error refreshing the OAuth2 token, message: \'{\n  "error" : "invalid_grant"\n}\' in google/apiclient/src/Google/Auth/OAuth2.php on line 327'],
    ['gcp', 'unauthenticated', 'Error: Error { kind: Authentication, source: Some(CredentialsError { is_transient: false, message: None, source: Some(reqwest::Error { kind: Decode, source: Error("EOF while parsing a value", line: 1, column: 0) }) }) }'],
    ['azure', undefined, '401 AzureKeyVaultMissingPermissions - The server is missing required permissions on the Azure Key Vault.'],
    // Azure's instance metadata service: AWS's name for it in Azure's server header (tuning logp-004).
    ['azure', undefined, 'HTTP/1.1 400 Bad Request\nServer: IMDS/150.870.65.512\n\n{"error":"invalid_request","error_description":"Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request"}'],
  ])('%s: %s', (provider, condition, text) => {
    expect(facts(text)).toMatchObject({ provider, condition })
  })
})

describe('another service than the key services', () => {
  it.each([
    ['s3', 'User: arn:aws:sts::111122223333:assumed-role/ci/x is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/key'],
    ['secretmanager', "rpc error: code = PermissionDenied desc = Permission 'secretmanager.versions.access' denied for resource 'projects/p/secrets/s/versions/1'"],
    ['storage', 'Azure.RequestFailedException: This request is not authorized to perform this operation using this permission. PUT https://acct.blob.core.windows.net/c/b Status: 403'],
  ])('reads %s', (service, text) => {
    expect(facts(text).service).toBe(service)
  })

  it('leaves a key service named anywhere in the payload first', () => {
    expect(facts('User: arn:aws:sts::111122223333:assumed-role/ci/x is not authorized to perform: kms:Decrypt on resource: arn:aws:s3:::bucket').service).toBe('kms')
  })

  it("reads Gemini CLI's bare Google error as the Gemini API's (tuning nero-014)", () => {
    const text = '✕ [API Error: [{\n    "error": {\n      "code": 403,\n      "message": "The caller does not have permission",\n      "status": "PERMISSION_DENIED"\n    }\n  }\n  ]]\n\nℹ This request failed. Press F12 for diagnostics, or run /settings and change "Error Verbosity" to full for full details'
    expect(facts(text)).toMatchObject({ provider: 'gcp', service: 'generativelanguage' })
  })

  it('does not take a type URL for a service', () => {
    expect(facts('{"error": {"code": 403, "status": "PERMISSION_DENIED", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo"}]}}').service).toBeUndefined()
  })
})
