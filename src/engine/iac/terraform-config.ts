/**
 * Terraform configuration as JSON: a `.tf.json` file, or a `.tf` file that Terraform's own HCL
 * parser (hcl2json) has turned into the same structure. Resources and data sources become IaC
 * resources; an aws_iam_policy_document is assembled into the policy JSON it renders, so a policy
 * that refers to it is checked like any other. terraform-module.ts puts a module's files together.
 */
import type { Value } from '../object-literal.ts'
import { escapeRegExp, isObj, lineOf, type IacResource, type Obj } from './resource.ts'

const PROVIDERS = /^(?:aws|google|azurerm|azuread)_/
/** Terraform configuration that declares a resource or data source of a cloud EKM uses. */
export const isTerraformConfig = (v: Value): v is Obj =>
  isObj(v) && v.format_version === undefined && [v.resource, v.data].some((blocks) => isObj(blocks) && Object.keys(blocks).some((t) => PROVIDERS.test(t)))

/** hcl2json gives every block as a list of bodies; .tf.json allows an object or a list. */
const bodies = (v: Value | undefined): Obj[] => (Array.isArray(v) ? v.filter(isObj) : isObj(v) ? [v] : [])
const list = (v: Value | undefined): Value[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])

/** The JSON an aws_iam_policy_document renders: its statement blocks in IAM's own field names. */
function policyDocument(body: Obj): Obj {
  const statements = bodies(body.statement).map((s) => {
    const out: Obj = { Effect: typeof s.effect === 'string' ? s.effect : 'Allow' }
    if (typeof s.sid === 'string') out.Sid = s.sid
    for (const [from, to] of [['actions', 'Action'], ['not_actions', 'NotAction'], ['resources', 'Resource'], ['not_resources', 'NotResource']] as const) {
      if (s[from] !== undefined) out[to] = list(s[from])
    }
    for (const [from, to] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
      const principals = bodies(s[from])
      if (principals.length) out[to] = Object.fromEntries(principals.map((p) => [String(p.type), list(p.identifiers)]))
    }
    const conditions = bodies(s.condition)
    if (conditions.length) {
      const condition: Obj = {}
      for (const c of conditions) condition[String(c.test)] = { ...(isObj(condition[String(c.test)]) ? (condition[String(c.test)] as Obj) : {}), [String(c.variable)]: list(c.values) }
      out.Condition = condition
    }
    return out
  })
  return { Version: typeof body.version === 'string' ? body.version : '2012-10-17', Statement: statements }
}

/** The locals a file declares: hcl2json gives a list of locals bodies, .tf.json an object or a list. */
export const terraformLocals = (value: Obj): [string, Value][] => bodies(value.locals).flatMap((b) => Object.entries(b))

/** The resources and data sources a file declares, each with the line it starts on in that file. */
export function terraformResources(value: Obj, text: string): IacResource[] {
  const resources: IacResource[] = []
  for (const mode of ['resource', 'data'] as const) {
    const blocks = value[mode]
    if (!isObj(blocks)) continue
    for (const [type, named] of Object.entries(blocks)) {
      if (!isObj(named)) continue
      for (const [name, block] of Object.entries(named)) {
        const body = bodies(block)[0] ?? {}
        const values = type === 'aws_iam_policy_document' && mode === 'data' ? { ...body, json: JSON.stringify(policyDocument(body)) } : body
        const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`
        const line = lineOf(text, new RegExp(`^[ \\t]*${mode}[ \\t]+"${escapeRegExp(type)}"[ \\t]+"${escapeRegExp(name)}"`, 'm')) ?? lineOf(text, new RegExp(`"${escapeRegExp(type)}"[\\s\\S]*?"${escapeRegExp(name)}"\\s*:`))
        resources.push({ address, type: mode === 'data' ? `data.${type}` : type, values, unknown: new Set(), line })
      }
    }
  }
  return resources
}
