/**
 * Microsoft Entra ID (Azure AD) token errors: "AADSTS7000229: msg … Trace ID: …", and the code its
 * error body's error_uri repeats ("https://login.microsoftonline.com/error?code=700213"), which
 * stays whole when the description around it does not.
 */
import { RANK } from '../signals.ts'
import { each, restOfLine, type Format } from './scan.ts'

export const entra: Format = {
  extract(text, s) {
    each(/\bAADSTS(\d{4,8})\b:? ?/g, text, (m) => {
      s.code(`AADSTS${m[1]}`, RANK.named)
      s.message(restOfLine(text, m.index + m[0].length).split(/\\r\\n|Trace ID:/)[0])
    })
    each(/login\.microsoftonline\.com\/error\?code=(\d{4,8})\b/g, text, (m) => s.code(`AADSTS${m[1]}`, RANK.named))
  },
}
