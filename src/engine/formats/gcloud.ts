/** The gcloud CLI: "ERROR: (gcloud.kms.encrypt) msg" and OAuth "Error code invalid_grant: msg". */
import { RANK } from '../signals.ts'
import { each, LINE, type Format } from './scan.ts'

const GCLOUD_ERROR = new RegExp(`ERROR: \\(gcloud\\.([\\w.-]{1,100})\\) (${LINE})`, 'g')
const ERROR_CODE = new RegExp(`Error code ([a-z_]{3,40}): (${LINE})`, 'g')

export const gcloud: Format = {
  extract(text, s) {
    each(GCLOUD_ERROR, text, (m) => {
      const verb = m[1].split('.').pop()!
      s.op(verb.charAt(0).toUpperCase() + verb.slice(1))
      s.message(m[2])
    })
    each(ERROR_CODE, text, (m) => {
      s.code(m[1], RANK.status)
      s.message(m[2])
    })
  },
}
