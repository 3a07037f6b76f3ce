/**
 * A .tf file, or the .tf files of one module, checked as the CLI checks them: read with
 * Terraform's own parser (hcl-parser.ts) and diagnosed by the same engine and symptom registry the
 * API uses (/registry.json). It runs in the diagnose page's Terraform worker, so the code never
 * leaves the browser.
 */
import { checkPayload, createDiagnoser, isTerraformSource, PROBLEM_TEXT, splitTerraformFiles, type DiagnoseContext, type Diagnoser, type Diagnosis, type TerraformFile } from '~/engine/index.ts'
import { readHcl } from '~/engine/iac/hcl-source.ts'
import type { CodeMeanings, Family, Symptom } from '~/engine/types.ts'
import { hclParser } from './hcl-parser.ts'

/** What the worker answers: a diagnosis, a problem to show, or that the text is not Terraform source (the API's then). */
export type TerraformAnswer = { diagnosis: Diagnosis } | { problem: { title: string; detail: string } } | { notTerraform: true }

let diagnoser: Promise<Diagnoser> | undefined

/** The engine with the registry the API reads, once per worker. */
function localDiagnoser(): Promise<Diagnoser> {
  diagnoser ??= fetch('/registry.json')
    .then((r) => (r.ok ? (r.json() as Promise<{ symptoms: Symptom[]; families: Family[]; meanings: CodeMeanings }>) : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then(({ symptoms, families, meanings }) => createDiagnoser(symptoms, families, meanings))
    .catch((e: unknown) => {
      diagnoser = undefined
      throw e
    })
  return diagnoser
}

/** Fetch the parser and the registry while the user looks at the file. */
export function prepare(): void {
  void hclParser().catch(() => undefined)
  void localDiagnoser().catch(() => undefined)
}

export async function checkTerraformFile(name: string, text: string, context: DiagnoseContext): Promise<TerraformAnswer> {
  if (!isTerraformSource(text)) return { notTerraform: true }
  const problem = checkPayload(text)
  if (problem) return { problem: { title: 'This Terraform code cannot be checked', detail: PROBLEM_TEXT[problem] } }
  let parser, engine
  try {
    ;[parser, engine] = await Promise.all([hclParser(), localDiagnoser()])
  } catch (e) {
    return { problem: { title: "Terraform's parser could not be loaded", detail: `${(e as Error).message}. Check your connection and try again.` } }
  }
  // Several files under head's `==> name <==` headers are one module, as the CLI reads a folder.
  const module: TerraformFile[] = []
  for (const part of splitTerraformFiles(text)) {
    try {
      module.push({ ...part, value: await readHcl(parser, part.file ?? name, part.text) })
    } catch (e) {
      return { problem: { title: 'This Terraform code cannot be checked', detail: `Terraform cannot parse ${part.file ?? name}: ${(e as Error).message.split('\n')[0]}` } }
    }
  }
  return { diagnosis: engine.diagnoseModule(module, context) }
}
