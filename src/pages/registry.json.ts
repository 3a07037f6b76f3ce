// The whole symptom registry as data, for the API Worker (functions/registry.ts), which reads it
// through its assets binding instead of carrying it in its bundle.
import type { APIRoute } from 'astro'
import { CODE_MEANINGS, FAMILIES, SYMPTOMS } from '~/generated/symptoms.ts'

export const GET: APIRoute = () => Response.json({ symptoms: SYMPTOMS, families: FAMILIES, meanings: CODE_MEANINGS })
