/** IAM policy documents as data: statements normalised, actions and resources matched with IAM's wildcards. */
import type { Value } from '../object-literal.ts'

export type Obj = { [key: string]: Value }
export const isObj = (v: Value | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: Value | undefined): string[] => (v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string'))

export interface Statement {
  index: number
  sid?: string
  effect: 'Allow' | 'Deny'
  actions: string[]
  notActions: string[]
  resources: string[]
  /** Principal values flattened: "*" or ARNs / account ids / service names. */
  principals: string[]
  hasPrincipal: boolean
  conditions: Condition[]
}

export interface Condition {
  operator: string
  key: string
  values: string[]
}

/** IAM glob: `*` any run, `?` one character; case-insensitive (actions) or not (ARNs). */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern
  const v = ignoreCase ? value.toLowerCase() : value
  let pi = 0
  let vi = 0
  let star = -1
  let mark = 0
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++
      vi++
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++
      mark = vi
    } else if (star >= 0) {
      pi = star + 1
      vi = ++mark
    } else return false
  }
  while (p[pi] === '*') pi++
  return pi === p.length
}

function principalsOf(v: Value | undefined): string[] {
  if (v === '*') return ['*']
  if (!isObj(v)) return []
  return Object.values(v).flatMap((x) => list(x))
}

function conditionsOf(v: Value | undefined): Condition[] {
  if (!isObj(v)) return []
  return Object.entries(v).flatMap(([operator, block]) =>
    isObj(block) ? Object.entries(block).map(([key, values]) => ({ operator, key: key.toLowerCase(), values: list(values) })) : [],
  )
}

export function statements(doc: Obj): Statement[] {
  const raw = doc.Statement
  const items = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  return items.filter(isObj).map((s, index) => ({
    index,
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    principals: principalsOf(s.Principal),
    hasPrincipal: s.Principal !== undefined,
    conditions: conditionsOf(s.Condition),
  }))
}

/** Does the statement's Action (or NotAction) cover this action? */
export function coversAction(s: Statement, action: string): boolean {
  if (s.notActions.length) return !s.notActions.some((a) => globMatch(a, action, true))
  return s.actions.some((a) => globMatch(a, action, true))
}

export function coversResource(s: Statement, arn: string): boolean {
  return s.resources.some((r) => globMatch(r, arn))
}

/** A short, stable name for a statement in evidence: its Sid, or its position. */
export function label(s: Statement): string {
  return s.sid ? `Statement "${s.sid}"` : `Statement[${s.index}]`
}

/** IAM documents may arrive URL-encoded (get-role, get-role-policy outputs from some tools). */
export function policyValue(v: Value | undefined): Obj | undefined {
  if (isObj(v)) return v
  if (typeof v !== 'string') return undefined
  try {
    const text = v.trim().startsWith('%7B') || v.includes('%22') ? decodeURIComponent(v) : v
    const parsed = JSON.parse(text) as Value
    return isObj(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}
