/** A symptom as a ranked match: the shape every way of matching (rules, families, codes, wording) answers with. */
import type { Evidence, Match, Symptom } from './types.ts'

/**
 * A match, with the priority that breaks ties between equally confident ones, and whether it rests
 * on what went wrong alone (a fallback); neither is part of the answer.
 */
export type Ranked = Match & { priority: number; fallback?: boolean }

export function matchOf(s: Symptom, confidence: number, evidence: Evidence[], priority: number): Ranked {
  return { id: s.id, title: s.title, confidence, url: `/errors/${s.id}/`, summary: s.description, cause: s.cause, fix: s.fix, evidence, priority }
}
