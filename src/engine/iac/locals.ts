/**
 * Terraform locals, read where the code uses them: a local written out in the code (a string, a
 * list, a policy object), or built only from such locals, is known before apply, so
 * "${local.org_id}" is checked as its value. A local built from a resource or a variable stays a
 * reference, filled in at apply like any other.
 */
import type { Value } from '../object-literal.ts'
import { isObj } from './resource.ts'

const WHOLE = /^\$\{local\.([A-Za-z_][\w-]*)\}$/
const INSIDE = /\$\{local\.([A-Za-z_][\w-]*)\}/g
const SCALAR = (v: Value | undefined): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v)

export function withLocals(v: Value, known: ReadonlyMap<string, Value>): Value {
  if (typeof v === 'string') {
    const whole = WHOLE.exec(v)
    if (whole && known.has(whole[1])) return known.get(whole[1])!
    // Inside a template only a scalar can stand in for the reference.
    return v.replace(INSIDE, (ref, name: string) => (SCALAR(known.get(name)) ? String(known.get(name)) : ref))
  }
  if (Array.isArray(v)) return v.map((x) => withLocals(x, known))
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withLocals(x, known)]))
  return v
}

const refersToSomething = (v: Value) => /\$\{[^}]*\}/.test(JSON.stringify(v))

/** The locals whose values are known, in any order of declaration. */
export function knownLocals(declared: [string, Value][]): Map<string, Value> {
  const known = new Map<string, Value>()
  let pending = declared
  for (;;) {
    const next = pending.filter(([name, v]) => {
      const value = withLocals(v, known)
      if (refersToSomething(value)) return true
      known.set(name, value)
      return false
    })
    if (next.length === pending.length) return known
    pending = next
  }
}
