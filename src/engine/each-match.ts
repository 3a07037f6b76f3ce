/**
 * Every match of a global pattern, as matchAll gives them, without the copy of the pattern that
 * matchAll makes on each call (the formats run dozens of patterns over every payload).
 */
export function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  if (!re.global) throw new TypeError(`each needs a global pattern: ${re}`)
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const next = m[0] ? re.lastIndex : re.lastIndex + 1
    fn(m)
    re.lastIndex = next
  }
}
