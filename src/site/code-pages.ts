/**
 * The permanent code URLs: /codes/<code>/ for every error code an article lists. One meaning
 * redirects to its article; several show them ranked as content/codes.yaml declares.
 */
import { buildCodeIndex, idsOfCode, normalizeCode, tellsByCode } from '../engine/code-index.ts'
import type { CodeMeanings, Symptom } from '../engine/types.ts'

export interface CodePage {
  /** The code as the articles spell it; its URL path segment. */
  code: string
  meanings: { id: string; title: string; url: string; tell?: string }[]
}

export function codePages(symptoms: readonly Symptom[], declared: CodeMeanings): CodePage[] {
  const index = buildCodeIndex(symptoms, declared)
  const tells = tellsByCode(declared)
  const pages = new Map<string, CodePage>()
  for (const s of symptoms) {
    for (const code of s.codes) {
      const key = normalizeCode(code)
      // One page per code whatever its spelling: the first article's spelling names it.
      if (pages.has(key) || !/^[\w.:-]+$/.test(code)) continue
      pages.set(key, {
        code,
        meanings: idsOfCode(index, symptoms, code).map((id) => ({ id, title: symptoms.find((x) => x.id === id)!.title, url: `/errors/${id}/`, tell: tells.get(key)?.get(id) })),
      })
    }
  }
  return [...pages.values()]
}

export const codeUrl = (code: string) => `/codes/${encodeURIComponent(code)}/`
