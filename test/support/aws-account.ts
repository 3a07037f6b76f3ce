/** A correct EKM setup in one AWS account, as the fake AWS endpoint serves it to `check aws`. */
import type { Account } from './fake-aws.ts'

export const ACCOUNT = '111122223333'
export const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
export const ALIAS = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/openai-ekm`
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/openai-ekm`
export const ORG = 'org-AbCdEf0123456789abcdef01'
const OPENAI_ROLE = 'arn:aws:iam::790389265272:role/EnterpriseKeyManagement'

export function goodAccount(): Account {
  return {
    caller: { arn: `arn:aws:iam::${ACCOUNT}:user/platform-admin`, account: ACCOUNT },
    keys: {
      [KEY]: { AWSAccountId: ACCOUNT, KeyId: KEY.split('/')[1], Arn: KEY, Enabled: true, KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', Origin: 'AWS_KMS', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT', EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'], MultiRegion: false, CreationDate: 1767225600 },
    },
    aliases: { [ALIAS]: KEY },
    keyPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] },
    role: {
      arn: ROLE,
      trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: OPENAI_ROLE }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': [ORG] } } }] },
      inline: { 'openai-ekm': { Version: '2012-10-17', Statement: [{ Sid: 'AllowEncryptDecrypt', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: KEY }] } },
      attached: {},
    },
    errors: {},
  }
}
