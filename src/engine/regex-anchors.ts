/**
 * The literals a regular expression cannot match without: for each of its alternatives, one run of
 * plain characters (or the literals of a group it cannot skip). One scan for all the literals then
 * tells which expressions are worth running over a payload. In lower case, so the scan can run
 * over lower-cased text whatever the expression's flags.
 *
 * Deliberately small: an expression this does not understand gets no anchors (null), and is run.
 */

/** Runs shorter than this are too common to be worth a test. */
const MIN_ANCHOR = 3

/** What follows some escapes as part of them: \x41, \u0041, \u{41}, \cJ, \k<name>, \p{L}, \12. */
const ESCAPE_TAIL_BY: Record<string, RegExp> = { x: /^[0-9a-fA-F]{2}/, u: /^(?:\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/, c: /^[A-Za-z]/, k: /^<\w+>/, p: /^\{[^}]*\}/, P: /^\{[^}]*\}/ }

/** Escapes that stand for one literal character. */
const LITERAL_ESCAPE = /[.\/\\\-$^()[\]{}|?*+:'"<>#=!@%&,;`~ ]/

export function anchorsOf(re: RegExp): string[] | null {
  if (re.flags.includes('u') || re.flags.includes('v')) return null
  const anchors = alternatives(re.source)
  return anchors && anchors.map((a) => a.toLowerCase())
}

/** The anchors of a pattern: each top-level alternative must give some, or the pattern gives none. */
function alternatives(source: string): string[] | null {
  const out: string[] = []
  for (const alternative of split(source)) {
    const anchors = sequence(alternative)
    if (!anchors) return null
    out.push(...anchors)
  }
  return out
}

/** Splits at the top-level `|`, outside groups, classes and escapes. */
function split(source: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') i++
    else if (c === '[') i = classEnd(source, i)
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, i))
      start = i + 1
    }
  }
  parts.push(source.slice(start))
  return parts
}

function classEnd(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === '\\') i++
    else if (source[i] === ']') return i
  }
  return source.length
}

function groupEnd(source: string, open: number): number {
  let depth = 0
  for (let i = open; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') i++
    else if (c === '[') i = classEnd(source, i)
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return i
  }
  return source.length
}

/** Whether what follows position `i` lets the item before it match zero times. */
function optional(source: string, i: number): boolean {
  const q = source[i]
  return q === '?' || q === '*' || (q === '{' && /^\{0[,}]/.test(source.slice(i)))
}

function quantified(source: string, i: number): boolean {
  const q = source[i]
  return q === '?' || q === '*' || q === '+' || q === '{'
}

/** Skips a quantifier at `i` (and its lazy `?`). */
function afterQuantifier(source: string, i: number): number {
  if (source[i] === '{') {
    const close = source.indexOf('}', i)
    i = close < 0 ? source.length : close + 1
  }
  else if (quantified(source, i)) i++
  return source[i] === '?' ? i + 1 : i
}

/** The best required piece of one alternative: its longest literal run, or a group's anchors. */
function sequence(source: string): string[] | null {
  let best: string[] | null = null
  const consider = (anchors: string[] | null) => {
    if (!anchors || !anchors.length || anchors.some((a) => a.length < MIN_ANCHOR)) return
    const shortest = (xs: string[]) => Math.min(...xs.map((x) => x.length))
    if (!best || shortest(anchors) > shortest(best)) best = anchors
  }
  let run = ''
  const endRun = () => {
    consider(run ? [run] : null)
    run = ''
  }
  for (let i = 0; i < source.length; ) {
    const c = source[i]
    if (c === '(') {
      endRun()
      const close = groupEnd(source, i)
      const inner = source.slice(i + 1, close)
      const lookaround = /^\?<?[=!]/.test(inner)
      const body = inner.replace(/^\?(?::|<[A-Za-z]\w*>)/, '')
      i = close + 1
      if (!lookaround && !optional(source, i)) consider(alternatives(body))
      i = afterQuantifier(source, i)
      continue
    }
    if (c === '[') {
      endRun()
      i = afterQuantifier(source, classEnd(source, i) + 1)
      continue
    }
    let literal: string | null = null
    let next = i + 1
    if (c === '\\') {
      const e = source[i + 1]
      const tail = e === undefined ? undefined : (ESCAPE_TAIL_BY[e] ?? (/\d/.test(e) ? /^\d*/ : undefined))
      next = i + 2 + (tail?.exec(source.slice(i + 2))?.[0].length ?? 0)
      if (e !== undefined && LITERAL_ESCAPE.test(e)) literal = e
      else if (e === 'b' || e === 'B') {
        endRun() // zero width: the run on either side stays a substring, but not across it
        i = next
        continue
      }
    } else if (!'.^$|?*+{}'.includes(c)) literal = c
    if (literal === null) {
      endRun()
      i = afterQuantifier(source, next)
      continue
    }
    if (optional(source, next)) {
      endRun()
      i = afterQuantifier(source, next)
      continue
    }
    run += literal
    if (quantified(source, next)) {
      endRun() // "a+" or "a{2,3}": the character is there at least once, what follows may not be adjacent
      i = afterQuantifier(source, next)
      continue
    }
    i = next
  }
  endRun()
  return best
}
