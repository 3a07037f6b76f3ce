/**
 * Whether a text is Terraform source (HCL), as opposed to Terraform's output about it: every line
 * that starts at the left margin opens a top-level block (resource "…" "…" {), closes one, or is a
 * comment. Terraform's error output quotes source lines too, but behind "│" and a line number.
 */
const BLOCK = /^(?:resource|data|module|provider|terraform|variable|output|locals|moved|import|removed|check)\b.*\{\}?$/
const MARGIN = /^(?:\}|#|\/\/|\/\*|\*\/)/
/** The header head and tail print above each of several files (`tail -n +1 *.tf`), and the page writes for several opened files. */
const FILE_HEADER = /^==> (.+) <==$/
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
    else if (!MARGIN.test(line) && !FILE_HEADER.test(line)) return false
  }
  return blocks > 0
}

/**
 * Several files in one text, each under its `==> name <==` header; a text without headers is one
 * unnamed file, as it came. The empty line that separates files ends the file above it.
 */
export function splitTerraformFiles(text: string): { file?: string; text: string }[] {
  const lines = text.split('\n')
  const starts = lines.flatMap((line, i) => (FILE_HEADER.test(line.trimEnd()) ? [i] : []))
  if (!starts.length) return [{ text }]
  const before = lines.slice(0, starts[0]).join('\n')
  return [
    ...(before.trim() ? [{ text: before }] : []),
    ...starts.map((start, k) => ({ file: FILE_HEADER.exec(lines[start].trimEnd())![1], text: lines.slice(start + 1, starts[k + 1] ?? lines.length).join('\n') })),
  ]
}

/** Files joined as head and tail print them, so a module opened on the page reads back as its files. */
export const joinTerraformFiles = (files: { file: string; text: string }[]): string =>
  files.map((f) => `==> ${f.file} <==\n${f.text.endsWith('\n') ? f.text : `${f.text}\n`}`).join('\n')
