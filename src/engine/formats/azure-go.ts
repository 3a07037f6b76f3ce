/**
 * Azure SDK for Go: autorest 'Status=403 Code="Forbidden" Message="…"' (older Terraform azurerm, and
 * nested with escaped quotes in Resource Manager's deployment errors) and
 * azcore "RESPONSE 403: 403 Forbidden" / "ERROR CODE: KeyNotFound" blocks.
 */
import { RANK } from '../signals.ts'
import { each, type Format } from './scan.ts'

export const azureGo: Format = {
  extract(text, s) {
    each(/Status=(\d{3}) Code="(\w{1,80})" Message="([^"]{0,2000})"/g, text, (m) => {
      s.status(m[1])
      s.code(m[2], RANK.named)
      s.message(m[3])
    })
    // The pair without a status: a long-running operation's "Failure sending request: StatusCode=0 -- Original Error: Code=…".
    each(/\bOriginal Error: Code="([A-Z]\w{1,80})" Message="([^"]{0,2000})"/g, text, (m) => {
      s.code(m[1], RANK.named)
      s.message(m[2])
    })
    // The same pair nested in another error's message, its quotes escaped: ARM deployment details.
    each(/\bCode=\\"([A-Z]\w{1,80})\\" Message=\\"((?:[^"\\\r\n]|\\[^"\r\n]){0,2000})/g, text, (m) => {
      s.code(m[1], RANK.named)
      s.message(m[2])
    })
    each(/StatusCode=(\d{3})/g, text, (m) => s.status(m[1]))
    each(/\bRESPONSE (\d{3}): /g, text, (m) => s.status(m[1]))
    each(/\bERROR CODE: ([A-Za-z]\w{1,80})/g, text, (m) => s.code(m[1], RANK.named))
  },
}
