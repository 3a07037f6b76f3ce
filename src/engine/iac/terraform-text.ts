/**
 * Whether a text is Terraform source (HCL), as opposed to Terraform's output about it: every line
 * that starts at the left margin opens a top-level block (resource "…" "…" {), closes one, or is a
 * comment. Terraform's error output quotes source lines too, but behind "│" and a line number.
 */
const BLOCK = /^(?:resource|data|module|provider|terraform|variable|output|locals|moved|import|removed|check)\b.*\{\}?$/
const MARGIN = /^(?:\}|#|\/\/|\/\*|\*\/)/
const HEREDOC = /<<-?([A-Za-z_]\w*)$/

export function isTerraformSource(text: string): boolean {
  let blocks = 0
  let heredoc: string | undefined
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd()
    // A heredoc's body (an inline policy, say) is the value of an attribute, at any margin.
    if (heredoc) {
      if (line.trim() === heredoc) heredoc = undefined
      continue
    }
    heredoc = HEREDOC.exec(line)?.[1]
    if (!line || /^\s/.test(line)) continue
    if (BLOCK.test(line)) blocks++
    else if (!MARGIN.test(line)) return false
  }
  return blocks > 0
}
