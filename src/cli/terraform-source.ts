/**
 * A .tf file read with Terraform's own HCL parser (hcl2json, HashiCorp's Go parser compiled to
 * WebAssembly) into Terraform's JSON configuration structure. Attribute values that are
 * expressions stay "${…}" strings, except jsonencode(…): its argument is evaluated from the
 * parser's syntax tree, so a policy written inline in HCL is checked as the JSON it encodes.
 */
import { getExpressionAst, parse } from '@cdktf/hcl2json'
import type { Value } from '../engine/object-literal.ts'

type Node = { type: string; children?: Node[]; meta?: { value?: string; type?: string; name?: string }; range?: { start: { byte: number }; end: { byte: number } } }

const JSONENCODE = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/

/** The value of a literal expression; any part that is not literal stays a "${…}" reference. */
function evaluate(node: Node, source: Buffer): Value {
  const text = node.range ? source.subarray(node.range.start.byte, node.range.end.byte).toString('utf8') : (node.meta?.value ?? '')
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
      return `\${${text}}`
  }
}

const evaluatedText = (node: Node, source: Buffer) => (node.range ? source.subarray(node.range.start.byte, node.range.end.byte).toString('utf8') : (node.meta?.value ?? '')).replace(/^\((.*)\)$/s, '$1')

async function expand(value: Value, file: string): Promise<Value> {
  if (typeof value === 'string') {
    const m = JSONENCODE.exec(value)
    if (!m) return value
    const source = Buffer.from(m[1], 'utf8')
    const ast = (await getExpressionAst(file, m[1]).catch(() => null)) as Node | null
    return ast ? evaluate(ast, source) : value
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => expand(v, file)))
  if (value && typeof value === 'object') return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await expand(v, file)] as const)))
  return value
}

/** The file as Terraform's JSON configuration structure; an error names the file and what the parser said. */
export async function readTerraformSource(file: string, text: string): Promise<Value> {
  const config = (await parse(file, text)) as Value
  return expand(config, file)
}
