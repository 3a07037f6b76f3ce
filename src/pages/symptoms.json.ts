// What a shared diagnosis link needs to show its symptoms without the payload: summary, cause, fix
// and the deep links to each cause.
import type { APIRoute } from 'astro'
import { SYMPTOMS } from '~/generated/symptoms.ts'

export const GET: APIRoute = () =>
  Response.json(
    Object.fromEntries(
      SYMPTOMS.map((s) => [
        s.id,
        { title: s.title, summary: s.description, cause: s.cause, fix: s.fix, url: `/errors/${s.id}/`, causes: (s.causes ?? []).map((c) => ({ title: c.title, url: `/errors/${s.id}/#${c.anchor}` })) },
      ]),
    ),
  )
