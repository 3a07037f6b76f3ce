/** The AWS calls the check makes (all read-only but the optional round trip), through SDK v3. */
import { DecryptCommand, DescribeKeyCommand, EncryptCommand, GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms'
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'

export interface AwsOptions {
  region: string
  profile?: string
}

/** Bounded: three attempts, a few seconds each, so an unreachable endpoint cannot hang the check. */
function config(o: AwsOptions) {
  return {
    region: o.region,
    ...(o.profile && { profile: o.profile }),
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 3000, requestTimeout: 8000 },
  }
}

export function awsApi(o: AwsOptions) {
  const kms = new KMSClient(config(o))
  const iam = new IAMClient(config({ ...o, region: 'us-east-1' })) // IAM is global
  const sts = new STSClient(config(o))
  return {
    callerIdentity: () => sts.send(new GetCallerIdentityCommand({})),
    describeKey: (keyId: string) => kms.send(new DescribeKeyCommand({ KeyId: keyId })),
    keyPolicy: (keyId: string) => kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' })),
    role: (roleName: string) => iam.send(new GetRoleCommand({ RoleName: roleName })),
    inlinePolicyNames: (roleName: string) => iam.send(new ListRolePoliciesCommand({ RoleName: roleName })),
    inlinePolicy: (roleName: string, policyName: string) => iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })),
    attachedPolicies: (roleName: string) => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName })),
    policy: (arn: string) => iam.send(new GetPolicyCommand({ PolicyArn: arn })),
    policyVersion: (arn: string, versionId: string) => iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })),
    encrypt: (keyId: string, plaintext: Uint8Array) => kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext })),
    decrypt: (keyId: string, blob: Uint8Array) => kms.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: blob })),
    close: () => [kms, iam, sts].forEach((c) => c.destroy()),
  }
}

export type AwsApi = ReturnType<typeof awsApi>
