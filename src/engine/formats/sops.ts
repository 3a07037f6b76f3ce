/**
 * Mozilla sops prints each master key's failure indented, its message wrapped over lines that
 * start with "| ":
 *   Group 0: FAILED
 *     arn:aws:kms:…: FAILED
 *       - | Error decrypting key: AccessDeniedException: The ciphertext
 *         | refers to a customer master key that does not exist, …
 * Unwrapping joins each message back into one line. Argo CD and Flux show the same block flattened
 * onto one line ("…: FAILED - | Error decrypting key: … The ciphertext | refers to …"): there the
 * markers sit inside the line and are taken out of it.
 */
import type { Format } from './scan.ts'

const START = /^(\s{0,40})- \| ?/
const CONTINUATION = /^\s{0,40}\| ?/
const FLATTENED = /FAILED - \| /
const INLINE_MARK = / \| /g

export const sops: Format = {
  unwrap(text) {
    if (!text.includes('| ')) return text
    const out: string[] = []
    let open = false
    for (const raw of text.split('\n')) {
      const line = FLATTENED.test(raw) ? raw.replace(INLINE_MARK, ' ') : raw
      const start = START.exec(line)
      if (start) {
        out.push(start[1] + line.slice(start[0].length))
        open = true
      } else if (open && CONTINUATION.test(line)) {
        const rest = line.replace(CONTINUATION, '')
        // Go SDK v1 puts "status code: …" on its own line; keep it there, as the SDK printed it.
        if (/^\s*status code: /.test(rest)) out.push(rest)
        else out[out.length - 1] += (rest.startsWith(' ') ? '' : ' ') + rest
      } else {
        out.push(line)
        open = false
      }
    }
    return out.join('\n')
  },
}
