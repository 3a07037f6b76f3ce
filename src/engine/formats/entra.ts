/** Microsoft Entra ID (Azure AD) token errors: "AADSTS7000229: msg … Trace ID: …". */
import { RANK } from '../signals.ts'
import { each, restOfLine, type Format } from './scan.ts'

export const entra: Format = {
  extract: (text, s) =>
    each(/\bAADSTS(\d{4,8})\b:? ?/g, text, (m) => {
      s.code(`AADSTS${m[1]}`, RANK.named)
      s.message(restOfLine(text, m.index + m[0].length).split(/\\r\\n|Trace ID:/)[0])
    }),
}
