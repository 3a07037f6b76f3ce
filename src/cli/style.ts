/**
 * Colour for a person at a terminal: only when stdout is one, and never with NO_COLOR set
 * (https://no-color.org) or --no-color. Pipes, files and CI logs get plain text.
 */
export interface Style {
  bold: (t: string) => string
  dim: (t: string) => string
  green: (t: string) => string
  red: (t: string) => string
  yellow: (t: string) => string
}

const sgr = (open: number, close: number) => (t: string) => `\x1b[${open}m${t}\x1b[${close}m`

export const PLAIN: Style = { bold: String, dim: String, green: String, red: String, yellow: String }
const COLOR: Style = { bold: sgr(1, 22), dim: sgr(2, 22), green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39) }

export function styleFor(isTty: boolean, env: Record<string, string | undefined>, noColor: boolean): Style {
  return isTty && !noColor && !env.NO_COLOR ? COLOR : PLAIN
}

/** A check's mark in its colour. */
export function markStyle(style: Style, status: 'pass' | 'fail' | 'skip'): (t: string) => string {
  return status === 'pass' ? style.green : status === 'fail' ? style.red : style.yellow
}
