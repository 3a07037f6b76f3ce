/**
 * Azure SDK errors: az CLI and Python azure-core "(Code) msg" with "Code:"/"Message:" lines, .NET
 * RequestFailedException "Status: 403 (Forbidden)" / "ErrorCode: X", and Pulumi's "[Inner (Outer)]".
 */
import { RANK } from '../signals.ts'
import { each, LINE, type Format } from './scan.ts'

const CLI_ERROR = new RegExp(`(?:^|ERROR: )\\(([A-Za-z]\\w{1,80})\\) (${LINE})`, 'gm')
const MESSAGE_LINE = new RegExp(`^Message: (${LINE})`, 'gm')

export const azureCore: Format = {
  extract(text, s) {
    each(CLI_ERROR, text, (m) => {
      s.code(m[1], RANK.named)
      s.message(m[2])
    })
    each(/^Code: ([A-Za-z]\w{1,80})\s*$/gm, text, (m) => s.code(m[1], RANK.named))
    each(MESSAGE_LINE, text, (m) => s.message(m[1]))
    each(/Status: (\d{3}) \(/g, text, (m) => s.status(m[1]))
    each(/ErrorCode: ([A-Za-z]\w{1,80})/g, text, (m) => s.code(m[1], RANK.named))
    each(/\[(\w{2,80}) \((\w{2,80})\)\]/g, text, (m) => {
      s.code(m[1], RANK.inner)
      s.code(m[2], RANK.named)
    })
  },
}
