/**
 * What `diagnose` reads: files as named, and for a directory every infrastructure file in it
 * (.tf, .tf.json, CloudFormation templates and plans), leaving out Terraform's own caches. The
 * Terraform files of one directory are one module, diagnosed together, as Terraform loads them.
 */
import type { Io } from './io.ts'

const CODE_FILE = /\.(?:tf|tf\.json|json|ya?ml|template)$/i
const SKIPPED = /(?:^|\/)(?:\.terraform|node_modules|\.git)\//
const TERRAFORM_FILE = /\.tf(?:\.json)?$/i

export async function expandInputs(io: Io, args: string[]): Promise<string[]> {
  const out: string[] = []
  for (const arg of args) {
    const listed = arg === '-' ? null : await io.listDir(arg)
    if (!listed) out.push(arg)
    else out.push(...listed.filter((f) => CODE_FILE.test(f) && !SKIPPED.test(f.replace(/\\/g, '/'))).sort())
  }
  return out
}

/** One diagnosis: a file, or a Terraform module (named by its file when it has one, else by its directory). */
export interface Input {
  name: string
  files: string[]
  module: boolean
}

const directoryOf = (file: string) => {
  const path = file.replace(/\\/g, '/')
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.'
}

/** Each file its own input, except Terraform files, which join the module of their directory where it first appears. */
export function groupModules(files: string[]): Input[] {
  const inputs: Input[] = []
  const modules = new Map<string, Input>()
  for (const file of files) {
    if (!TERRAFORM_FILE.test(file)) {
      inputs.push({ name: file, files: [file], module: false })
      continue
    }
    const dir = directoryOf(file)
    const module = modules.get(dir)
    if (!module) {
      const first: Input = { name: file, files: [file], module: true }
      modules.set(dir, first)
      inputs.push(first)
    } else if (!module.files.includes(file)) {
      module.files.push(file)
      module.name = dir
    }
  }
  return inputs
}
