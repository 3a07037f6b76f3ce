/**
 * A pasted YAML document (gcloud's default output, a CloudFormation template, any YAML where JSON
 * is accepted) as a value. CloudFormation's short tags
 * (!Ref, !GetAtt, !Sub, …) become their long JSON forms, so templates read the same either way.
 */
import { parseDocument, type Tags } from 'yaml'
import type { Value } from './object-literal.ts'

const INTRINSICS = ['Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr', 'Equals', 'And', 'Or', 'Not', 'ImportValue', 'GetAZs', 'Transform', 'ToJsonString', 'Length']
const longName = (f: string) => (f === 'Ref' || f === 'Condition' ? f : `Fn::${f}`)
const TAGS: Tags = INTRINSICS.flatMap((f) => [
  { tag: `!${f}`, resolve: (v: string) => ({ [longName(f)]: f === 'GetAtt' ? v.split('.') : v }) },
  ...(['seq', 'map'] as const).map((collection) => ({ tag: `!${f}`, collection, resolve: (v: { toJSON(): unknown }) => ({ [longName(f)]: v.toJSON() }) })),
])

/** A line that opens a YAML mapping: `key:` or `key: value`, or a document start. */
const YAML_START = /^(?:---[ \t]*\r?\n)?(?:[ \t]*(?:#[^\n]*)?\r?\n)*[A-Za-z_"'][\w"' .@/-]{0,120}:(?:[ \t]|\r?\n|$)/

/** A line of a YAML mapping document: a key, a list item, an indented continuation or a comment. */
const YAML_LINE = /^(?:[ \t]*#|[ \t]*- |[A-Za-z_"'][\w"' .@/-]{0,120}:(?:[ \t]|$)|[ \t]+\S)/

/** A plain (unquoted) value with ": " in it, which YAML refuses: "Status Code: 400; Error Code: …" is a log line. */
const NESTED_PLAIN_VALUE = /^[ \t]*(?:- )?[^:\n]{1,120}?:[ \t]+[^"'|>{[&*!\s][^\n]*?:[ \t]/

/** Cheap before a parse: a document's first lines all look like YAML, which an error message's rarely do. */
function looksLikeYaml(text: string): boolean {
  if (!YAML_START.test(text)) return false
  const lines = text.split('\n', 40).filter((l) => l.trim() && !l.startsWith('---')).slice(0, 12)
  return lines.length >= 2 && lines.every((l) => YAML_LINE.test(l) && !NESTED_PLAIN_VALUE.test(l))
}

export function readYamlDocument(text: string): Value | undefined {
  if (!looksLikeYaml(text)) return undefined
  try {
    // One document only: a log with "---" separators is not a document.
    const doc = parseDocument(text, { customTags: TAGS, uniqueKeys: false, prettyErrors: false })
    if (doc.errors.length) return undefined
    const value = doc.toJS({ maxAliasCount: 50 }) as Value
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined
  } catch {
    // Deeply nested hostile input exhausts the parser's stack: it is not a document anyone wrote.
    return undefined
  }
}
