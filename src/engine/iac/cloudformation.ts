/**
 * A CloudFormation template (JSON, or YAML with the short tags undone by yaml-document.ts) as IaC
 * resources. Intrinsics become reference strings in Fn::Sub's own syntax: !Ref Role → "${Role}",
 * !GetAtt Key.Arn → "${Key.Arn}", so a policy that names another resource can be compared with it.
 */
import type { Value } from '../object-literal.ts'
import { escapeRegExp, isObj, lineOf, type IacResource, type IacSet, type Obj } from './resource.ts'

const isTemplate = (v: Value): v is Obj =>
  isObj(v) && isObj(v.Resources) && Object.values(v.Resources).some((r) => isObj(r) && typeof r.Type === 'string' && /^(?:AWS|Custom|Alexa)::/.test(r.Type))

/** An intrinsic function's value as a string, where it can be one; other values unchanged. */
export function resolveIntrinsics(v: Value): Value {
  if (Array.isArray(v)) return v.map(resolveIntrinsics)
  if (!isObj(v)) return v
  const keys = Object.keys(v)
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return intrinsic(keys[0], v[keys[0]])
  return Object.fromEntries(keys.map((k) => [k, resolveIntrinsics(v[k])]))
}

function intrinsic(fn: string, arg: Value): Value {
  const str = (x: Value): string => {
    const r = resolveIntrinsics(x)
    return typeof r === 'string' ? r : typeof r === 'number' || typeof r === 'boolean' ? String(r) : '${…}'
  }
  switch (fn) {
    case 'Ref':
      return `\${${str(arg)}}`
    case 'Fn::GetAtt':
      return `\${${Array.isArray(arg) ? arg.map(str).join('.') : str(arg)}}`
    case 'Fn::Sub': {
      if (typeof arg === 'string') return arg
      if (!Array.isArray(arg) || typeof arg[0] !== 'string') return '${Fn::Sub}'
      const vars = isObj(arg[1]) ? arg[1] : {}
      return arg[0].replace(/\$\{([^}!]+)\}/g, (whole, name: string) => (name in vars ? str(vars[name]) : whole))
    }
    case 'Fn::Join':
      return Array.isArray(arg) && Array.isArray(arg[1]) ? arg[1].map(str).join(str(arg[0])) : '${Fn::Join}'
    case 'Fn::ImportValue':
      return `\${ImportValue ${str(arg)}}`
    default:
      // Conditions, lookups, selections: decided at deploy time.
      return `\${${fn}}`
  }
}

export function cloudFormationSet(value: Value, text: string): IacSet | undefined {
  if (!isTemplate(value)) return undefined
  const resources: IacResource[] = Object.entries(value.Resources as Obj).flatMap(([id, r]) => {
    if (!isObj(r) || typeof r.Type !== 'string') return []
    const props = isObj(r.Properties) ? (resolveIntrinsics(r.Properties) as Obj) : {}
    const line = lineOf(text, new RegExp(`^[ \\t]*(?:"${escapeRegExp(id)}"|'${escapeRegExp(id)}'|${escapeRegExp(id)})[ \\t]*:`, 'm'))
    return [{ address: id, type: r.Type, values: props, unknown: new Set<string>(), line }]
  })
  return { dialect: 'cloudformation', language: text.trimStart().startsWith('{') ? 'json' : 'yaml', document: 'cloudformation-template', title: 'CloudFormation template', resources }
}
