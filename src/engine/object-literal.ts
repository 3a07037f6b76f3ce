/**
 * A tolerant parser for the object literals users paste: JSON, Python reprs of dicts (single
 * quotes, True/False/None, tuples, Python 2's u'' strings) as printed by openai-python, google-auth
 * and boto, and Node's util.inspect of error objects (bare keys, class-name prefixes, [Object], 'a' + 'b' strings)
 * as Azure's RestError and the AWS SDK for JavaScript print them.
 * Depth is bounded, so hostile nesting cannot exhaust the stack.
 */

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value }

const MAX_DEPTH = 64
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '/': '/', '\\': '\\', '"': '"', "'": "'" }

class Fail extends Error {}
/** Thrown on every failed attempt: one instance, so a flood of `{` does not pay for a stack trace each time. */
const FAIL = new Fail()

/** util.inspect: a class name before an object ("WebResource {"), or a placeholder that stands for a value. */
const INSPECT_PREFIX = /^(?:(\[(?:Object|Array|Function[^\]\r\n]{0,60}|Circular \*\d{1,3}|Getter|Setter|Getter\/Setter)\]|undefined\b)|(?:<ref \*\d{1,3}> )?[A-Z][\w$]{0,60}(?: \[[\w$]{1,60}\])? (?=[{[]))/

class Parser {
  readonly src: string
  pos: number
  constructor(src: string, start: number) {
    this.src = src
    this.pos = start
  }

  fail(): never {
    throw FAIL
  }

  ws(): void {
    const s = this.src
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos)
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++
      else break
    }
  }

  /** Set when the attempt failed for nesting too deep rather than for a syntax error. */
  tooDeep = false

  value(depth: number): Value {
    if (depth > MAX_DEPTH) {
      this.tooDeep = true
      this.fail()
    }
    this.ws()
    const first = this.src.charCodeAt(this.pos)
    // Only "[", "<", "u" (undefined) or a capital can start a prefix: skip the regex for the rest.
    const inspected = first === 91 || first === 60 || first === 117 || (first >= 65 && first <= 90) ? INSPECT_PREFIX.exec(this.src.slice(this.pos, this.pos + 80)) : null
    if (inspected) {
      this.pos += inspected[0].length
      if (inspected[1] !== undefined) return null // [Object], [Array], [Function: x], [Circular *1], undefined
    }
    const c = this.src[this.pos]
    if (c === '{') return this.object(depth)
    if (c === '[' || c === '(') return this.array(depth, c === '[' ? ']' : ')')
    if (c === '"' || c === "'") return this.concatenated(c)
    // Python 2's unicode and bytes literals: u'InvalidCiphertextException', b'…'
    const next = this.src[this.pos + 1]
    if ((c === 'u' || c === 'b') && (next === '"' || next === "'")) {
      this.pos++
      return this.concatenated(next)
    }
    return this.bare()
  }

  /** A string, and Node's long-string continuation: 'first part ' +\n 'second part'. */
  concatenated(quote: string): string {
    let out = this.string(quote)
    for (;;) {
      const m = /^\s{0,40}\+\s{1,40}(['"])/.exec(this.src.slice(this.pos, this.pos + 84))
      if (!m) return out
      this.pos += m[0].length - 1
      out += this.string(m[1])
    }
  }

  object(depth: number): { [key: string]: Value } {
    const out: { [key: string]: Value } = {}
    this.pos++
    for (;;) {
      this.ws()
      if (this.src[this.pos] === '}') {
        this.pos++
        return out
      }
      const q = this.src[this.pos]
      if ((q === 'u' || q === 'b') && (this.src[this.pos + 1] === '"' || this.src[this.pos + 1] === "'")) this.pos++
      const k = this.src[this.pos]
      const key = k === '"' || k === "'" ? this.string(k) : this.identifier()
      this.ws()
      if (this.src[this.pos] !== ':') this.fail()
      this.pos++
      out[key] = this.value(depth + 1)
      this.ws()
      const sep = this.src[this.pos]
      if (sep === ',') this.pos++
      else if (sep !== '}') this.fail()
    }
  }

  array(depth: number, close: string): Value[] {
    const out: Value[] = []
    this.pos++
    for (;;) {
      this.ws()
      if (this.src[this.pos] === close) {
        this.pos++
        return out
      }
      out.push(this.value(depth + 1))
      this.ws()
      const sep = this.src[this.pos]
      if (sep === ',') this.pos++
      else if (sep !== close) this.fail()
    }
  }

  string(quote: string): string {
    const s = this.src
    let out = ''
    let i = this.pos + 1
    let chunk = i
    while (i < s.length) {
      const c = s[i]
      if (c === quote) {
        this.pos = i + 1
        return out + s.slice(chunk, i)
      }
      if (c === '\\') {
        out += s.slice(chunk, i)
        const e = s[i + 1]
        if (e === 'u' || e === 'x') {
          const len = e === 'u' ? 4 : 2
          const hex = s.slice(i + 2, i + 2 + len)
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) this.fail()
          out += String.fromCharCode(parseInt(hex, 16))
          i += 2 + len
        } else {
          out += ESCAPES[e] ?? e ?? ''
          i += 2
        }
        chunk = i
        continue
      }
      if (c === '\n' && quote === "'") break // Python strings do not span lines
      i++
    }
    this.pos = i
    this.fail()
  }

  /** An unquoted key, as util.inspect prints it. */
  identifier(): string {
    const m = /^[A-Za-z_$][\w$]{0,100}/.exec(this.src.slice(this.pos, this.pos + 101))
    if (!m) this.fail()
    this.pos += m[0].length
    return m[0]
  }

  bare(): Value {
    const m = /^(?:-?\d{1,20}(?:\.\d{1,20})?(?:[eE][+-]?\d{1,4})?|true|false|null|True|False|None)/.exec(
      this.src.slice(this.pos, this.pos + 48),
    )
    if (!m) this.fail()
    this.pos += m[0].length
    const w = m[0]
    if (w === 'true' || w === 'True') return true
    if (w === 'false' || w === 'False') return false
    if (w === 'null' || w === 'None') return null
    return Number(w)
  }
}

/** Parses one literal starting at `start`. Returns its value and end, or null if it is not one. */
export function parseLiteralAt(src: string, start: number): { value: Value; end: number } | null {
  const attempt = tryParse(src, start)
  return attempt.ok ? { value: attempt.value, end: attempt.pos } : null
}

function tryParse(src: string, start: number): { ok: true; value: Value; pos: number } | { ok: false; pos: number; tooDeep: boolean } {
  const p = new Parser(src, start)
  try {
    const value = p.value(0)
    return { ok: true, value, pos: p.pos }
  } catch (e) {
    if (e instanceof Fail || e instanceof RangeError) return { ok: false, pos: p.pos, tooDeep: p.tooDeep || e instanceof RangeError }
    throw e
  }
}

/** Whether what follows the brace can begin an object (a key, a quote, or "}"): most stray braces fail here without a parse. */
function opensObject(text: string, at: number): boolean {
  let i = at + 1
  while (i < text.length && /\s/.test(text[i])) i++
  return i < text.length && /[\w$"'}]/.test(text[i])
}

/**
 * Finds the objects embedded in free text (a log line, an exception message, a string inside
 * JSON). Scanning resumes after each parsed object; total work is capped at a multiple of the
 * text length so runs of unbalanced braces cannot make it quadratic.
 */
export function findObjects(text: string, budget = { left: text.length * 4 + 1024 }): Value[] {
  const found: Value[] = []
  let from = 0
  while (budget.left > 0) {
    const at = text.indexOf('{', from)
    if (at < 0) break
    if (!opensObject(text, at)) {
      from = at + 1
      continue
    }
    const attempt = tryParse(text, at)
    budget.left -= Math.max(16, attempt.pos - at)
    if (attempt.ok) {
      found.push(attempt.value)
      from = attempt.pos
    } else {
      // Too deep: every brace up to where it gave up opens the same nest, so the scan resumes there.
      from = attempt.tooDeep && attempt.pos > at ? attempt.pos : at + 1
    }
  }
  return found
}
