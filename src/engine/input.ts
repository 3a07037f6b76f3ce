/** Payload checks shared by the API and the CLI, so both refuse the same inputs the same way. */

export const MAX_PAYLOAD_BYTES = 64 * 1024

/** The clouds a user can name as context. */
export const CONTEXT_PROVIDERS = ['aws', 'gcp', 'azure'] as const

export type InputProblem = 'empty' | 'too-large' | 'binary'

const CONTROL = /[\u0000-\u0008\u000e-\u001f]/g

/** Why a payload cannot be diagnosed, or null when it can. */
export function checkPayload(payload: string): InputProblem | null {
  if (payload.trim() === '') return 'empty'
  if (new TextEncoder().encode(payload).length > MAX_PAYLOAD_BYTES) return 'too-large'
  if (payload.includes('\u0000')) return 'binary'
  const controls = payload.match(CONTROL)?.length ?? 0
  if (controls > 8 && controls / payload.length > 0.01) return 'binary'
  return null
}

export const PROBLEM_TEXT: Record<InputProblem, string> = {
  empty: 'The payload is empty. Paste the full error output, response body or log.',
  'too-large': `The payload is larger than ${MAX_PAYLOAD_BYTES / 1024} KiB of UTF-8. Paste the part around the error.`,
  binary: 'The payload looks binary (it contains NUL or other control bytes). Paste the text output instead.',
}
