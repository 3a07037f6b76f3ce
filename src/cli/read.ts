/** Reading what `diagnose` is given; a file that cannot be read or parsed is named on stderr, once. */
import { checkPayload, PROBLEM_TEXT, type TerraformFile } from '../engine/index.ts'
import type { Value } from '../engine/object-literal.ts'
import { UsageError, type Io } from './io.ts'

async function readText(io: Io, file: string): Promise<string> {
  const bytes = file === '-' ? await io.readStdin() : await io.readFile(file)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new UsageError(`${file === '-' ? 'stdin' : file}: not valid UTF-8 text`)
  }
}

/** The text of a file or stdin, or undefined when it cannot be diagnosed (said on stderr). */
export async function readPayload(io: Io, file: string): Promise<string | undefined> {
  let payload: string
  try {
    payload = await readText(io, file)
  } catch (e) {
    const reason = e instanceof UsageError ? e.message : `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read'}`
    io.stderr(`ekm-doctor: ${reason}\n`)
    return undefined
  }
  const problem = checkPayload(payload)
  if (problem) {
    io.stderr(`ekm-doctor: ${file === '-' ? 'stdin' : file}: ${PROBLEM_TEXT[problem]}\n`)
    return undefined
  }
  return payload
}

/** A .tf file is read with Terraform's HCL parser, loaded only when one is given. */
export async function parseTerraform(file: string, text: string): Promise<Value | undefined> {
  if (!/\.tf$/i.test(file)) return undefined
  const { readTerraformSource } = await import('./terraform-source.ts')
  return readTerraformSource(file, text)
}

/** The files of one Terraform module, each parsed (.tf by Terraform's parser, .tf.json as JSON); `failed` when one was left out. */
export async function readModule(io: Io, files: string[]): Promise<{ module: TerraformFile[]; failed: boolean }> {
  const module: TerraformFile[] = []
  let failed = false
  for (const file of files) {
    const text = await readPayload(io, file)
    if (text === undefined) {
      failed = true
      continue
    }
    try {
      module.push({ file, text, value: (await parseTerraform(file, text)) ?? (JSON.parse(text) as Value) })
    } catch (e) {
      const language = /\.json$/i.test(file) ? 'JSON' : 'Terraform'
      io.stderr(`ekm-doctor: ${file}: not valid ${language}: ${(e as Error).message.split('\n')[0]}\n`)
      failed = true
    }
  }
  return { module, failed }
}
