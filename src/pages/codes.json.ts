// The exact-code index for the search box: code/alias/id → symptom ids, plus each symptom's title.
import type { APIRoute } from 'astro'
import { buildCodeIndex } from '~/engine/code-index.ts'
import { CODE_MEANINGS, SYMPTOMS } from '~/generated/symptoms.ts'

export const GET: APIRoute = () =>
  Response.json({
    codes: buildCodeIndex(SYMPTOMS, CODE_MEANINGS),
    meanings: CODE_MEANINGS,
    symptoms: Object.fromEntries(SYMPTOMS.map((s) => [s.id, { title: s.title, url: `/errors/${s.id}/` }])),
  })
