/**
 * One Terraform file cut into several, as people lay out a module (kms.tf, iam.tf, …): each
 * top-level block, with the comments just above it, goes to the file `place` names for it. Says
 * where each resource ended up, counted here from the cut text rather than by the code under test.
 */
const HEADER = /^(resource|data)\s+"([\w-]+)"\s+"([\w-]+)"/

export interface SplitModule {
  files: Record<string, string>
  /** Resource address (data sources as data.<type>.<name>) → the file and 1-based line of its header. */
  where: Record<string, { file: string; line: number }>
}

export function splitTerraform(text: string, place: (header: string) => string): SplitModule {
  const lines = text.split('\n')
  const files: Record<string, string[]> = {}
  const where: SplitModule['where'] = {}
  let pending: string[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i]
    if (!/^[a-z]/.test(line)) {
      pending.push(line)
      i++
      continue
    }
    // A block runs to its closing brace at column 0, or is one line when it closes on its own line.
    let end = i
    if (!/\}\s*$/.test(line)) while (end < lines.length && lines[end] !== '}') end++
    const file = place(line)
    const out = (files[file] ??= [])
    out.push(...pending)
    const m = HEADER.exec(line)
    if (m) where[m[1] === 'data' ? `data.${m[2]}.${m[3]}` : `${m[2]}.${m[3]}`] = { file, line: out.length + 1 }
    out.push(...lines.slice(i, end + 1))
    pending = []
    i = end + 1
  }
  return { files: Object.fromEntries(Object.entries(files).map(([f, l]) => [f, l.join('\n') + '\n'])), where }
}
