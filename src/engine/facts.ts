/** Payload → Facts: every extractor runs over the (already redacted) text. */
import { EXTRACTORS } from './formats.ts'
import { readObjects } from './objects.ts'
import { detectProvider, detectService } from './provider.ts'
import { findResources } from './resources.ts'
import { Signals } from './signals.ts'
import { parseLiteralAt, type Value } from './literal.ts'
import type { Facts } from './types.ts'

/** Literal "\r\n" sequences (logs of JSON strings) become real line breaks for line-based formats. */
function unfold(text: string): string {
  return text.replace(/\\r\\n|\\n|\\r/g, '\n')
}

export interface Extracted {
  facts: Facts
  /** Every message found, for rules that look at messages. */
  messages: string[]
  /** The top-level objects in the payload (a pasted document is one of them). */
  objects: Value[]
}

export function extractFacts(text: string): Extracted {
  const s = new Signals()
  const objects = readObjects(text, s)
  // A pasted JSON array (az … list output) is one document, not its items.
  const first = text.search(/\S/)
  const list = first >= 0 && text[first] === '[' ? parseLiteralAt(text, first) : null
  if (list && Array.isArray(list.value)) objects.unshift(list.value)
  const lines = unfold(text)
  for (const extract of EXTRACTORS) extract(lines, s)
  const codes = s.codes()
  const provider = detectProvider(text)
  const facts: Facts = {
    provider,
    service: s.service ?? detectService(provider, text, s.operation),
    operation: s.operation,
    code: codes[0],
    codes,
    httpStatus: s.httpStatus,
    message: s.messages[0]?.slice(0, 1000),
    resources: findResources(text),
    requestId: s.requestId,
  }
  return { facts, messages: s.messages, objects }
}
