/**
 * Infrastructure code, read the same way whatever wrote it: each resource of a Terraform plan,
 * Terraform source or CloudFormation template becomes an address, a type and its values. A value
 * that refers to something else (a Terraform expression, a CloudFormation intrinsic) is a
 * "${…}" reference string; a value known only after apply is listed in `unknown`.
 */
import { skip } from '../analyze/checks.ts'
import type { Check } from '../analyze/types.ts'
import type { Value } from '../object-literal.ts'

export type Obj = { [key: string]: Value }
export type Dialect = 'terraform' | 'cloudformation'

export interface IacResource {
  /** aws_iam_role.openai, module.ekm.aws_kms_key.this, or a CloudFormation logical id. */
  address: string
  /** aws_kms_key, data.aws_iam_policy_document, AWS::KMS::Key. */
  type: string
  values: Obj
  /** Top-level attributes whose values are known only after apply. */
  unknown: Set<string>
  line?: number
  /** The file it is written in, when several files make up the code (a Terraform module). */
  file?: string
}

/** The language a corrected snippet is written in: the code's own (a plan's code is HCL). */
export type Language = 'hcl' | 'yaml' | 'json'

export interface IacSet {
  dialect: Dialect
  language: Language
  /** What the user pasted: shown as the analysis title. */
  title: string
  document: 'terraform-plan' | 'terraform-state' | 'terraform-source' | 'cloudformation-template'
  resources: IacResource[]
}

export const isObj = (v: Value | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
export { isReference } from '../analyze/checks.ts'

/** The 1-based line of the first match in the text, if any. */
export function lineOf(text: string, pattern: RegExp): number | undefined {
  const m = pattern.exec(text)
  if (!m) return undefined
  let line = 1
  for (let i = 0; i < m.index; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The resources of any of these types (aws_kms_key, AWS::KMS::Key, data.aws_iam_policy_document). */
export const ofType = (set: IacSet, ...types: string[]) => set.resources.filter((r) => types.includes(r.type))

/** A check placed on the resource it is about. */
export const onResource = (r: IacResource) => (c: Check): Check => ({ ...c, resource: r.address, ...(r.file !== undefined && { file: r.file }), ...(r.line !== undefined && { line: r.line }) })

/** The first body of a nested block (Terraform writes blocks as lists). */
export const firstBlock = (v: Value | undefined): Obj | undefined => (Array.isArray(v) ? v.find(isObj) : isObj(v) ? v : undefined)

/** A setting that cannot be checked before apply: a skip that names it. */
export const unknownSkip = (check: string, name: string, what: string): Check =>
  skip(name, `${what} is known only after apply, so it cannot be checked in this code; check it after apply with ekm-doctor ${check}.`)
