/** One diagnoser over the generated registry, shared by the node-side tests. */
import { createDiagnoser } from '../../src/engine/index.ts'
import { FAMILIES, SYMPTOMS } from '../../src/generated/symptoms.ts'

export const diagnoser = createDiagnoser(SYMPTOMS, FAMILIES)
export { FAMILIES, SYMPTOMS }
