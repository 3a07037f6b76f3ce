/**
 * OpenAI SDKs: openai-python "openai.RateLimitError: Error code: 429 - {…}" (and 0.x
 * "openai.error.Timeout: …"), openai-node "RateLimitError: 429 …", go-openai "error, status code: 429, …".
 * openai-node's class-and-status line also tells the provider (src/engine/provider.ts uses NODE_SDK_ERROR).
 */
import { RANK } from '../signals.ts'
import { each, LINE, type Format } from './scan.ts'

const STATUS_MESSAGE = new RegExp(`status code: (\\d{3}), (?:status: [^,\\r\\n]{0,60}, )?message: (${LINE})`, 'g')
/** openai-node's error classes (src/core/error.ts), printed as "<Class>: <status> <message>". */
export const NODE_SDK_ERROR = /\b((?:BadRequest|Authentication|PermissionDenied|NotFound|Conflict|UnprocessableEntity|RateLimit|InternalServer)Error): ([45]\d\d) /g

export const openai: Format = {
  extract(text, s) {
    each(/Error code: (\d{3}) - /g, text, (m) => s.status(m[1]))
    each(/\bopenai\.(?:error\.)?([A-Z]\w{2,40}): /g, text, (m) => s.code(m[1], RANK.generic))
    each(NODE_SDK_ERROR, text, (m) => {
      s.status(m[2])
      s.code(m[1], RANK.generic)
    })
    each(STATUS_MESSAGE, text, (m) => {
      s.status(m[1])
      s.message(m[2])
    })
  },
}
