/** The fixture corpus: every symptom's match/nomatch payloads, and the unrelated inputs. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

export const ERRORS_DIR = 'content/errors'
export const UNRELATED_DIR = 'test/fixtures/unrelated'

export interface Source {
  source: string
  tool: string
  synthetic?: boolean
  note?: string
  /** Other symptoms the text alone cannot rule out: they must be ranked too (after this one). */
  also?: string[]
}

export interface Fixture {
  /** The symptom folder it belongs to ('' for unrelated inputs). */
  id: string
  kind: 'match' | 'nomatch' | 'unrelated'
  /** Path relative to the fixtures folder, e.g. "match/boto3.txt". */
  name: string
  path: string
  text: string
}

export function symptomIds(): string[] {
  return readdirSync(ERRORS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort()
}

function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith('.') && f !== 'sources.yaml').sort() : []
}

export function readSources(dir: string): Record<string, Source> {
  const file = join(dir, 'sources.yaml')
  return existsSync(file) ? (parse(readFileSync(file, 'utf8')) ?? {}) : {}
}

export function symptomFixtures(id: string): Fixture[] {
  const base = join(ERRORS_DIR, id, 'fixtures')
  return (['match', 'nomatch'] as const).flatMap((kind) =>
    files(join(base, kind)).map((f) => {
      const path = join(base, kind, f)
      return { id, kind, name: `${kind}/${f}`, path, text: readFileSync(path, 'utf8') }
    }),
  )
}

export function unrelatedFixtures(): Fixture[] {
  return files(UNRELATED_DIR).map((f) => {
    const path = join(UNRELATED_DIR, f)
    return { id: '', kind: 'unrelated' as const, name: f, path, text: readFileSync(path, 'utf8') }
  })
}

export function allFixtures(): Fixture[] {
  return [...symptomIds().flatMap(symptomFixtures), ...unrelatedFixtures()]
}
