/**
 * A .tf file read with Terraform's own HCL parser (hcl2json, HashiCorp's Go parser compiled to
 * WebAssembly) into Terraform's JSON configuration structure. Attribute values that are
 * expressions stay "${…}" strings, except jsonencode(…): its argument is evaluated from the
 * parser's syntax tree, so a policy written inline in HCL is checked as the JSON it encodes.
 * The parser is passed in, because where it runs differs: Node for the CLI, the browser for the
 * diagnose page; everything here is plain TypeScript both can run.
 */
import type { Value } from '../object-literal.ts'

/** hcl2json's two entry points, as the package exports them and as the page's loader provides them. */
export interface HclParser {
  parse(file: string, text: string): Promise<unknown>
  getExpressionAst(file: string, expression: string): Promise<unknown>
}

type Node = { type: string; children?: Node[]; meta?: { value?: string; type?: string; name?: string }; range?: { start: { byte: number }; end: { byte: number } } }

const JSONENCODE = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/
const decoder = new TextDecoder()

/** The node's source text: ranges count UTF-8 bytes. */
const sourceOf = (node: Node, source: Uint8Array) => (node.range ? decoder.decode(source.subarray(node.range.start.byte, node.range.end.byte)) : (node.meta?.value ?? ''))
const evaluatedText = (node: Node, source: Uint8Array) => sourceOf(node, source).replace(/^\((.*)\)$/s, '$1')

/** The value of a literal expression; any part that is not literal stays a "${…}" reference. */
function evaluate(node: Node, source: Uint8Array): Value {
  const children = node.children ?? []
  switch (node.type) {
    case 'literalValue':
      return node.meta?.type === 'number' ? Number(node.meta.value) : node.meta?.type === 'bool' ? node.meta.value === 'true' : node.meta?.value === 'null' && node.meta.type === 'dynamic' ? null : (node.meta?.value ?? '')
    case 'template':
      return children.map((c) => (c.type === 'literalValue' ? String(c.meta?.value ?? '') : `\${${evaluatedText(c, source)}}`)).join('')
    case 'tuple':
      return children.map((c) => evaluate(c, source))
    case 'object': {
      const out: { [key: string]: Value } = {}
      for (let i = 0; i + 1 < children.length; i += 2) {
        const key = children[i].children?.[0] ? evaluate(children[i].children![0], source) : evaluatedText(children[i], source)
        out[String(key)] = evaluate(children[i + 1], source)
      }
      return out
    }
    default:
      return `\${${sourceOf(node, source)}}`
  }
}

async function expand(value: Value, file: string, parser: HclParser): Promise<Value> {
  if (typeof value === 'string') {
    const m = JSONENCODE.exec(value)
    if (!m) return value
    const ast = (await parser.getExpressionAst(file, m[1]).catch(() => null)) as Node | null
    return ast ? evaluate(ast, new TextEncoder().encode(m[1])) : value
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => expand(v, file, parser)))
  if (value && typeof value === 'object') return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await expand(v, file, parser)] as const)))
  return value
}

/** The file as Terraform's JSON configuration structure; an error names what the parser said. */
export async function readHcl(parser: HclParser, file: string, text: string): Promise<Value> {
  return expand((await parser.parse(file, text)) as Value, file, parser)
}
