/**
 * A fix step as the catalog writes it — "Prose: command (expect …)." — split so the command can be
 * shown as a block to copy, on the article's quick fix and in the diagnoser alike.
 */
const COMMAND = /^(.*?:)\s+((?:aws|gcloud|az|curl|kubectl|terraform|POST|GET|PUT|PATCH|DELETE)\s.+?)(\s\((?:expect|for example|e\.g\.)[^)]*\)\.?)?$/

export interface FixStep {
  prose: string
  command?: string
  /** A closing remark after the command, such as "(expect {"status":"success"})." */
  note?: string
}

export function splitFixStep(step: string): FixStep {
  const m = COMMAND.exec(step)
  return m ? { prose: m[1], command: m[2], ...(m[3] && { note: m[3].trim() }) } : { prose: step }
}

/** The first sentence of a cause, for a one-line summary. */
export function firstSentence(text: string): string {
  const end = /\.\s+(?=[A-Z])/.exec(text)
  return end ? text.slice(0, end.index + 1) : text
}
