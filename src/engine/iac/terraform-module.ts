/**
 * A Terraform module as Terraform loads it: every .tf and .tf.json file of one directory is one
 * configuration, so a key policy in kms.tf may name a role declared in iam.tf, and a local from
 * locals.tf may fill in either. Each resource keeps the file and line it is written on. Reading
 * the files is the caller's job (the CLI); this only puts parsed files together.
 */
import type { Value } from '../object-literal.ts'
import { knownLocals, withLocals } from './locals.ts'
import { isObj, type IacSet } from './resource.ts'
import { isTerraformConfig, terraformLocals, terraformResources } from './terraform-config.ts'

export interface TerraformFile {
  /** As the user named it; left out for a single pasted document. */
  file?: string
  text: string
  /** The file as Terraform's JSON configuration structure. */
  value: Value
}

function title(files: TerraformFile[]): string {
  if (files.length === 1) return files[0].text.trimStart().startsWith('{') ? 'Terraform configuration (.tf.json)' : 'Terraform configuration (.tf)'
  const names = files.map((f) => f.file ?? '')
  const dir = names[0].includes('/') ? names[0].slice(0, names[0].lastIndexOf('/') + 1) : ''
  return `Terraform module ${dir || './'} (${names.map((n) => n.slice(dir.length)).join(', ')})`
}

/** One set for the files of one module; undefined when none of them declares anything EKM uses. */
export function terraformModuleSet(files: TerraformFile[]): IacSet | undefined {
  if (!files.some((f) => isTerraformConfig(f.value))) return undefined
  const configs = files.flatMap((f) => (isObj(f.value) && f.value.format_version === undefined ? [{ ...f, value: f.value }] : []))
  const locals = knownLocals(configs.flatMap((f) => terraformLocals(f.value)))
  const resources = configs.flatMap(({ file, text, value }) => {
    // Locals are filled in before a policy document is assembled from its blocks.
    const config = { ...value, resource: withLocals(value.resource ?? null, locals), data: withLocals(value.data ?? null, locals) }
    return terraformResources(config, text).map((r) => (file === undefined ? r : { ...r, file }))
  })
  return { dialect: 'terraform', language: 'hcl', document: 'terraform-source', title: title(configs), resources }
}
