/**
 * A payload that is one known error code and nothing else: its meanings, most likely first as the
 * catalog declares them (content/codes.yaml), as the search box, /codes/<code>/ and explain rank
 * them. The rules know no more than the code itself.
 */
import { bareCode, normalizeCode, tellsByCode, type CodeIndex } from './code-index.ts'
import { matchOf, type Ranked } from './match.ts'
import type { CodeMeanings, FamilyAnswer, Symptom } from './types.ts'

/** Its one meaning, or the most likely of several, a step apart below. */
const CONFIDENCE = 0.5

export function compileCodeAnswer(symptoms: readonly Symptom[], index: CodeIndex, meanings: CodeMeanings) {
  const byId = new Map(symptoms.map((s) => [s.id, s]))
  const tells = tellsByCode(meanings)
  return (payload: string): { matches: Ranked[]; family?: FamilyAnswer } | undefined => {
    const bare = bareCode(index, symptoms, payload)
    if (!bare) return undefined
    const matches = bare.ids.map((id, i) => matchOf(byId.get(id)!, CONFIDENCE - 0.05 * i, [{ signal: 'code', text: bare.code }], 0))
    if (matches.length === 1) return { matches }
    const told = tells.get(normalizeCode(bare.code))
    return {
      matches,
      family: {
        id: `code:${bare.code}`,
        title: `${bare.code} has ${matches.length} meanings`,
        description: 'The code alone does not say which one it is. Most likely first; paste the whole error to decide.',
        members: matches.map((m) => ({ id: m.id, title: m.title, url: m.url, tell: told?.get(m.id) ?? byId.get(m.id)!.description })),
      },
    }
  }
}
