/**
 * `terraform show -json` output, for a plan or for state (Terraform's JSON output format,
 * format_version 1.x), as IaC resources. A plan's values that are known only after apply are
 * absent from `after` and true in `after_unknown`: they are listed in `unknown`, not guessed.
 */
import type { Value } from '../object-literal.ts'
import { escapeRegExp, isObj, lineOf, type IacResource, type IacSet, type Obj } from './resource.ts'

const isOutput = (v: Value): v is Obj =>
  isObj(v) && typeof v.format_version === 'string' && (isObj(v.planned_values) || isObj(v.values) || Array.isArray(v.resource_changes))

function moduleResources(module: Value | undefined, out: Map<string, IacResource>): void {
  if (!isObj(module)) return
  for (const r of Array.isArray(module.resources) ? module.resources : []) {
    if (!isObj(r) || typeof r.address !== 'string' || typeof r.type !== 'string') continue
    out.set(r.address, { address: r.address, type: r.mode === 'data' ? `data.${r.type}` : r.type, values: isObj(r.values) ? r.values : {}, unknown: new Set() })
  }
  for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) moduleResources(child, out)
}

export function terraformPlanSet(value: Value, text: string): IacSet | undefined {
  if (!isOutput(value)) return undefined
  const byAddress = new Map<string, IacResource>()
  const rootOf = (v: Value | undefined) => (isObj(v) ? (isObj(v.values) ? v.values.root_module : v.root_module) : undefined)
  moduleResources(rootOf(value.prior_state), byAddress) // data sources read during the plan
  moduleResources(rootOf(value.planned_values) ?? rootOf(value), byAddress)
  for (const c of Array.isArray(value.resource_changes) ? value.resource_changes : []) {
    if (!isObj(c) || typeof c.address !== 'string' || typeof c.type !== 'string' || !isObj(c.change)) continue
    const { actions, after, after_unknown: afterUnknown } = c.change
    if (Array.isArray(actions) && actions.length === 1 && actions[0] === 'delete') {
      byAddress.delete(c.address)
      continue
    }
    byAddress.set(c.address, {
      address: c.address,
      type: c.mode === 'data' ? `data.${c.type}` : c.type,
      values: isObj(after) ? after : byAddress.get(c.address)?.values ?? {},
      unknown: new Set(isObj(afterUnknown) ? Object.keys(afterUnknown).filter((k) => afterUnknown[k] === true) : []),
    })
  }
  const resources = [...byAddress.values()].map((r) => ({ ...r, line: lineOf(text, new RegExp(`"address"\\s*:\\s*"${escapeRegExp(r.address)}"`)) }))
  const plan = isObj(value.planned_values) || Array.isArray(value.resource_changes)
  return plan
    ? { dialect: 'terraform', language: 'hcl', document: 'terraform-plan', title: 'Terraform plan (terraform show -json)', resources }
    : { dialect: 'terraform', language: 'hcl', document: 'terraform-state', title: 'Terraform state (terraform show -json)', resources }
}
