/**
 * Corrected snippets in the language of the code they fix: HCL for Terraform, YAML or JSON for a
 * CloudFormation template. References ("${aws_kms_key.openai.arn}", "${OpenAIKey.Arn}") come out
 * as the language writes them: a bare expression in HCL, Fn::Sub in a template.
 */
import { stringify } from 'yaml'
import type { Value } from '../object-literal.ts'
import { isObj, isReference, type Language } from './resource.ts'

const IDENT = /^[A-Za-z_][\w-]*$/
const WHOLE_REFERENCE = /^\$\{([^}]+)\}$/

function hcl(v: Value, indent: string): string {
  if (typeof v === 'string') return WHOLE_REFERENCE.exec(v)?.[1] ?? JSON.stringify(v)
  if (Array.isArray(v)) return v.length && v.some((x) => typeof x === 'object' && x !== null) ? `[\n${v.map((x) => `${indent}  ${hcl(x, `${indent}  `)}`).join(',\n')}\n${indent}]` : `[${v.map((x) => hcl(x, indent)).join(', ')}]`
  if (isObj(v)) {
    const entries = Object.entries(v)
    if (!entries.length) return '{}'
    return `{\n${entries.map(([k, x]) => `${indent}  ${IDENT.test(k) ? k : JSON.stringify(k)} = ${hcl(x, `${indent}  `)}`).join('\n')}\n${indent}}`
  }
  return JSON.stringify(v)
}

/** References as CloudFormation writes them in JSON: {"Fn::Sub": "…"}. */
function cfnJson(v: Value): Value {
  if (isReference(v)) return { 'Fn::Sub': v }
  if (Array.isArray(v)) return v.map(cfnJson)
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cfnJson(x)]))
  return v
}

/** `name = value` (HCL), `Name: value` (YAML) or `"Name": value` (JSON); a policy document in HCL goes through jsonencode. */
export function setting(language: Language, name: string, value: Value, options: { jsonencode?: boolean } = {}): string {
  if (language === 'hcl') return `${name} = ${options.jsonencode ? `jsonencode(${hcl(value, '')})` : hcl(value, '')}`
  if (language === 'json') return `"${name}": ${JSON.stringify(cfnJson(value), null, 2)}`
  // YAML 1.1, as CloudFormation reads it: a date-like string such as 2012-10-17 is quoted.
  return stringify({ [name]: value }, { lineWidth: 0, version: '1.1' })
    .trimEnd()
    .replace(/^(\s*(?:- |[\w"'.:-]+: ))(["']?)(.*\$\{.*?)\2$/gm, (_, head: string, _q: string, body: string) => `${head}!Sub "${body.replace(/"/g, '\\"')}"`)
}

/** A line of explanation beside a snippet: a comment where the language has them. */
export function note(language: Language, text: string): string {
  return language === 'json' ? text : `# ${text}`
}
