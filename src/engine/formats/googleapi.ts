/**
 * Go's google.golang.org/api errors, as Terraform's Google provider prints them: "googleapi: Error
 * 403: msg, forbidden"; and its form for a body that is not Google's JSON error (an HTML error page):
 * "googleapi: got HTTP response code 404 with body: <!DOCTYPE html>…". And the operation a Cloud KMS
 * REST URL names, whichever client printed it.
 */
import { RANK } from '../signals.ts'
import { each, LINE, type Format } from './scan.ts'

const GOOGLEAPI_ERROR = new RegExp(`googleapi: Error (\\d{3}): (${LINE})`, 'g')

export const googleapi: Format = {
  extract(text, s) {
    each(GOOGLEAPI_ERROR, text, (m) => {
      s.status(m[1])
      const reason = /, (\w{3,40})$/.exec(m[2])
      if (reason) s.code(reason[1], RANK.named)
      s.message(reason ? m[2].slice(0, -reason[0].length) : m[2])
    })
    each(/googleapi: got HTTP response code (\d{3}) with body/g, text, (m) => s.status(m[1]))
    // Cloud KMS's REST methods are custom verbs on the key's URL: …/cryptoKeys/<key>:decrypt.
    each(/cloudkms\.googleapis\.com\/v1\/projects\/\S{1,300}?\/cryptoKeys\/[\w-]{1,63}\/?:(encrypt|decrypt)\b/g, text, (m) => s.op(m[1] === 'encrypt' ? 'Encrypt' : 'Decrypt'))
  },
}
