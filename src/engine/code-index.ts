/**
 * The exact-code index: every id, error code and alias → the symptom ids it names. Search
 * cannot do exact codes (Pagefind matches prefixes), so the site, the CLI's `explain` and the
 * API all look codes up here first.
 */
import type { Symptom } from './types.ts'

export type CodeIndex = Record<string, string[]>

/** "`DisabledException`", " disabledexception " → "disabledexception" */
export function normalizeCode(raw: string): string {
  return raw.trim().replace(/^[`'"]+|[`'"]+$/g, '').replace(/\s+/g, ' ').toLowerCase()
}

export function buildCodeIndex(symptoms: readonly Symptom[]): CodeIndex {
  const index: CodeIndex = {}
  const add = (key: string, id: string) => {
    const k = normalizeCode(key)
    if (!k) return
    const ids = (index[k] ??= [])
    if (!ids.includes(id)) ids.push(id)
  }
  for (const s of symptoms) {
    add(s.id, s.id)
    for (const code of [...s.codes, ...s.aliases]) add(code, s.id)
  }
  return index
}

/** Ids for the whole query, else for the first token of it that is a known code. */
export function findInIndex(index: CodeIndex, query: string): string[] {
  const whole = index[normalizeCode(query)]
  if (whole) return whole
  for (const token of query.split(/[^\w:.-]+/)) {
    const ids = token.length >= 5 ? index[normalizeCode(token)] : undefined
    if (ids) return ids
  }
  return []
}
