// The exact-code index for the search box: code/alias/id → symptom ids, plus each symptom's title.
import type { APIRoute } from 'astro'
import { buildCodeIndex } from '~/engine/code-index.ts'
import { SYMPTOMS } from '~/generated/symptoms.ts'

export const GET: APIRoute = () =>
  Response.json({
    codes: buildCodeIndex(SYMPTOMS),
    symptoms: Object.fromEntries(SYMPTOMS.map((s) => [s.id, { title: s.title, url: `/errors/${s.id}/` }])),
  })
