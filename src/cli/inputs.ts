/**
 * What `diagnose` reads: files as named, and for a directory every infrastructure file in it
 * (.tf, .tf.json, CloudFormation templates and plans), leaving out Terraform's own caches.
 */
import type { Io } from './io.ts'

const CODE_FILE = /\.(?:tf|tf\.json|json|ya?ml|template)$/i
const SKIPPED = /(?:^|\/)(?:\.terraform|node_modules|\.git)\//

export async function expandInputs(io: Io, args: string[]): Promise<string[]> {
  const out: string[] = []
  for (const arg of args) {
    const listed = arg === '-' ? null : await io.listDir(arg)
    if (!listed) out.push(arg)
    else out.push(...listed.filter((f) => CODE_FILE.test(f) && !SKIPPED.test(f.replace(/\\/g, '/'))).sort())
  }
  return out
}

/** A .tf file is read with Terraform's HCL parser, loaded only when one is given. */
export async function parseTerraform(file: string, text: string) {
  if (!/\.tf$/i.test(file)) return undefined
  const { readTerraformSource } = await import('./terraform-source.ts')
  return readTerraformSource(file, text)
}
