/** AWS SDK for PHP: 'Error executing "Encrypt" on "https://kms…"; … AccessDeniedException (client): msg'. */
import { RANK } from '../signals.ts'
import { awsServiceOf, each, LINE, type Format } from './scan.ts'

const PHP_ERROR = new RegExp(`\\b([A-Z]\\w{1,80}) \\((client|server)\\): (${LINE})`, 'g')

export const awsPhp: Format = {
  extract(text, s) {
    each(/Error executing "(\w{1,100})" on "https:\/\/([\w.-]{1,100})"/g, text, (m) => {
      s.op(m[1])
      s.service ??= awsServiceOf(m[2].split('.')[0])
    })
    each(PHP_ERROR, text, (m) => {
      s.code(m[1], RANK.named)
      s.message(m[3])
    })
  },
}
