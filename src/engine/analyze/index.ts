/** Finds a configuration document in a payload and checks it; null when the payload is not one. */
import { analyzeIacSet, iacSet } from '../iac/index.ts'
import type { Value } from '../object-literal.ts'
import { analyzeAws } from './aws.ts'
import { analyzeAzure } from './azure.ts'
import { analyzeGcp } from './gcp.ts'
import { analyzeOpenAIRegistration } from './openai.ts'
import type { Analysis, AnalyzeContext } from './types.ts'

export type { Analysis, AnalyzeContext, Check } from './types.ts'

const ANALYZERS = [analyzeAws, analyzeGcp, analyzeAzure, analyzeOpenAIRegistration]

/** `text` is the document as pasted: infrastructure findings give the line they are on. */
export function analyze(objects: Value[], ctx: AnalyzeContext, text = ''): Analysis | null {
  // A document is pasted on its own: only the first few top-level objects are candidates.
  for (const value of objects.slice(0, 3)) {
    const code = iacSet(value, text)
    if (code) return analyzeIacSet(code, ctx)
    for (const analyzer of ANALYZERS) {
      const analysis = analyzer(value, ctx)
      if (analysis) return analysis
    }
  }
  return null
}
