/** Services that relay a KMS failure inside their own error, e.g. Lambda's "KMS Exception: X KMS Message: msg". */
import { RANK } from '../signals.ts'
import { each, LINE, type Format } from './scan.ts'

export const awsRelayedKms: Format = {
  extract: (text, s) =>
    each(new RegExp(`KMS Exception:\\s{0,5}([A-Z]\\w{2,80}?(?:Exception|Error))\\.?\\s{0,5}KMS Message: (${LINE})`, 'g'), text, (m) => {
      s.code(m[1], RANK.inner)
      s.service ??= 'kms'
      s.message(m[2])
    }),
}
