/**
 * The symptom registry (rules, wording terms, article summaries) is most of the API's data, so it
 * ships as a static asset (/registry.json, built with the site) rather than inside the Worker
 * bundle; the Worker holds only code. It is read through the assets binding once per isolate.
 */
import { createDiagnoser, type Diagnoser } from '../src/engine/index.ts'
import type { CodeMeanings, Family, Provider, Symptom } from '../src/engine/types.ts'

export const REGISTRY_PATH = '/registry.json'

export interface Assets {
  fetch: (request: Request) => Promise<Response>
}

export interface Registry {
  diagnoser: Diagnoser
  rules: { id: string; title: string; provider: Provider | 'any'; codes: string[]; url: string }[]
}

let loading: Promise<Registry> | undefined

/** The registry for this isolate; a failed load is retried on the next request, not cached. */
export function registry(assets: Assets | undefined, requestUrl: string): Promise<Registry> {
  loading ??= load(assets, requestUrl).catch((err: unknown) => {
    loading = undefined
    throw err
  })
  return loading
}

async function load(assets: Assets | undefined, requestUrl: string): Promise<Registry> {
  if (!assets) throw new Error('no assets binding')
  const res = await assets.fetch(new Request(new URL(REGISTRY_PATH, requestUrl)))
  if (!res.ok) throw new Error(`${REGISTRY_PATH}: HTTP ${res.status}`)
  const { symptoms, families, meanings } = (await res.json()) as { symptoms: Symptom[]; families: Family[]; meanings: CodeMeanings }
  return {
    diagnoser: createDiagnoser(symptoms, families, meanings),
    rules: symptoms.map((s) => ({ id: s.id, title: s.title, provider: s.provider, codes: s.codes, url: `/errors/${s.id}/` })),
  }
}
