/**
 * Services that relay a KMS failure inside their own error: Lambda's "KMS Exception: X KMS
 * Message: msg", and the codes services name KMS conditions with (SQS "KmsDisabled", SNS
 * "KMSNotFound", CloudTrail "KmsKeyNotFoundException", Lambda "KMSAccessDeniedException"), which
 * are read as the KMS code they stand for.
 */
import { RANK } from '../signals.ts'
import { each, LINE, type Format } from './scan.ts'

const RELAYED = new RegExp(`KMS Exception:\\s{0,5}([A-Z]\\w{2,80}?(?:Exception|Error))\\.?\\s{0,5}KMS Message: (${LINE})`, 'g')

/** The condition a relayed code names → the code KMS itself answers with. */
const KMS_CODE: Record<string, string> = {
  accessdenied: 'AccessDeniedException',
  notfound: 'NotFoundException',
  disabled: 'DisabledException',
  invalidstate: 'KMSInvalidStateException',
  throttling: 'ThrottlingException',
  throttled: 'ThrottlingException',
  invalidkeyusage: 'InvalidKeyUsageException',
}
const RELAYED_CODE = /\b(?:KMS|Kms)(?:Key)?(AccessDenied|NotFound|Disabled|InvalidState|Throttling|Throttled|InvalidKeyUsage)(?:Exception|Fault)?\b/g

export const awsRelayedKms: Format = {
  extract: (text, s) => {
    each(RELAYED, text, (m) => {
      s.code(m[1], RANK.inner)
      s.service ??= 'kms'
      s.message(m[2])
    })
    each(RELAYED_CODE, text, (m) => {
      s.code(m[0], RANK.named)
      s.code(KMS_CODE[m[1].toLowerCase()], RANK.named)
      s.service ??= 'kms'
    })
  },
}
