/** One diagnoser over the generated registry, shared by the node-side tests. */
import { createDiagnoser } from '../../src/engine/index.ts'
import { CODE_MEANINGS, FAMILIES, SYMPTOMS } from '../../src/generated/symptoms.ts'

export const diagnoser = createDiagnoser(SYMPTOMS, FAMILIES, CODE_MEANINGS)
export { CODE_MEANINGS, FAMILIES, SYMPTOMS }
