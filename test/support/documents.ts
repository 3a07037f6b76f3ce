/** Shared scaffolding for the document analyzer tests: load a fixture document, run, mutate. */
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import type { Analysis, AnalyzeContext } from '../../src/engine/analyze/types.ts'
import { diagnoser } from './engine.ts'

export function documentKit(dir: string, analyzer: (value: never, c: AnalyzeContext) => Analysis | null, ctx: AnalyzeContext) {
  const path = (name: string) => `test/fixtures/documents/${dir}/${name}`
  const doc = (name: string) => JSON.parse(readFileSync(path(name), 'utf8'))
  const run = (value: unknown, c: AnalyzeContext = ctx) => analyzer(value as never, c)!
  const failed = (value: unknown, c: AnalyzeContext = ctx) => run(value, c).checks.filter((x) => x.status === 'fail').map((x) => x.id)
  const mutate = (name: string, fn: (d: any) => void) => {
    const d = doc(name)
    fn(d)
    return d
  }
  /** Each correct document is recognised as its kind, passes every check, and the diagnoser finds nothing. */
  const correctDocumentsPass = (cases: [file: string, kind: string][]) =>
    it.each(cases)('%s', (name, kind) => {
      const analysis = run(doc(name))
      expect(analysis.document).toBe(kind)
      expect(analysis.checks.length).toBeGreaterThan(0)
      expect(analysis.checks.filter((c) => c.status !== 'pass')).toEqual([])
      expect(diagnoser.diagnose(readFileSync(path(name), 'utf8'), ctx).matches).toEqual([])
    })
  return { doc, run, failed, mutate, correctDocumentsPass }
}
