/** DOM for a diagnosis. Only textContent and attributes: pasted text can never become markup. */
import { STATUS_MARK } from '../engine/analyze/checks.ts'
import { fillPlaceholders } from '../engine/fill.ts'
import { splitFixStep } from './fix-step.ts'
import { shareLink, ticketMarkdown, type SharedDiagnosis } from '../engine/ticket.ts'
import type { Analysis, Diagnosis, Evidence, Facts, FamilyAnswer, Match, Nearest, Resources } from '../engine/types.ts'

type Child = Node | string

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]) {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  node.append(...children) // strings become text nodes
  return node
}

/** A command to copy: monospace, scrolled rather than wrapped mid-token, with a copy button that says when it copied. */
function commandBlock(command: string): HTMLElement {
  const button = el('button', { type: 'button', class: 'copy-command' }, 'Copy')
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(command).then(
      () => (button.textContent = 'Copied'),
      () => (button.textContent = 'Select and copy'),
    )
    setTimeout(() => (button.textContent = 'Copy'), 2000)
  })
  // The block scrolls sideways when the command is long: reachable by keyboard too.
  return el('div', { class: 'command' }, el('pre', { tabindex: '0' }, el('code', {}, command)), button)
}

/** A fix step with the values the diagnosis read filled in, and its command as a block to copy. */
function fixStep(step: string, resources: Resources): HTMLElement {
  const { prose, command, note } = splitFixStep(fillPlaceholders(step, resources))
  return el('li', {}, prose, ...(command ? [commandBlock(command)] : []), ...(note ? [note] : []))
}

/** What each kind of evidence is, in words. */
const EVIDENCE_LABELS: Record<Evidence['signal'], string> = {
  code: 'Error code', message: 'In the error message', text: 'In the payload', provider: 'Provider', service: 'Service',
  operation: 'Operation', status: 'HTTP status', permission: 'Permission', condition: 'What went wrong', document: 'In the document',
  wording: 'No rule matched; words the article shares with the payload',
}

/** A phrase reads as the whole line it sits in, the matched part marked. */
function evidenceItem(e: Evidence): HTMLElement {
  const shown = e.around ? el('span', { class: 'evidence-line' }, e.around.before, el('mark', {}, e.text), e.around.after) : el('code', {}, e.text)
  return el('li', {}, `${EVIDENCE_LABELS[e.signal] ?? e.signal}: `, shown)
}

function matchCard(m: Pick<Match, 'id' | 'title' | 'confidence' | 'url' | 'summary' | 'cause' | 'fix' | 'evidence' | 'causes' | 'ruledOut' | 'line'>, rank: number, resources: Resources = {}): HTMLElement {
  return el(
    'article',
    { class: 'diagnosis', 'data-symptom': m.id },
    el('h2', {}, el('a', { href: m.url }, m.title)),
    el('p', { class: 'confidence' }, `${rank === 0 ? 'Best match' : m.line ? 'Another error in the log' : 'Also possible'}${Number.isNaN(m.confidence) ? '' : ` · confidence ${Math.round(m.confidence * 100)}%`}`),
    ...(m.line ? [el('p', { class: 'from-line' }, `From line ${m.line.number}: `, el('code', {}, m.line.text))] : []),
    el('p', {}, m.summary),
    el('h3', {}, 'Cause'),
    el('p', {}, m.cause),
    el('h3', {}, 'Fix'),
    el('ol', { class: 'fix-steps' }, ...m.fix.map((step) => fixStep(step, resources))),
    ...(m.causes?.length
      ? [el('h3', {}, 'Causes in the article'), el('ol', { class: 'cause-links' }, ...m.causes.map((c) => el('li', {}, el('a', { href: c.url }, c.title))))]
      : []),
    ...(m.evidence.length ? [el('h3', {}, 'Evidence'), el('ul', { class: 'evidence' }, ...m.evidence.map(evidenceItem))] : []),
    ...(m.ruledOut?.length
      ? [
          el('h3', {}, 'Ruled out'),
          el('ul', { class: 'ruled-out' }, ...m.ruledOut.map((r) => el('li', {}, el('a', { href: `/errors/${r.id}/` }, r.title), `: ${r.reason}.`))),
        ]
      : []),
    el('p', {}, el('a', { href: m.url }, 'Read the full article →')),
  )
}

const FACT_LABELS: [keyof Facts, string][] = [
  ['provider', 'Provider'], ['service', 'Service'], ['operation', 'Operation'], ['condition', 'What went wrong'], ['code', 'Error code'],
  ['httpStatus', 'HTTP status'], ['permission', 'Permission or IAM action'], ['requestId', 'Request id'], ['message', 'Message'],
]

const RESOURCE_LABELS: Record<keyof Resources, string> = {
  keyArn: 'Key ARN', aliasArn: 'Alias ARN', roleArn: 'Role ARN', callerArn: 'Caller ARN', region: 'Region', account: 'AWS account',
  project: 'Project', projectNumber: 'Project number', location: 'Location', keyRing: 'Key ring', key: 'Key', keyVersion: 'Key version',
  pool: 'Workload identity pool', wifProvider: 'Workload identity provider', vault: 'Key vault', vaultUri: 'Vault URI', keyName: 'Key name',
  tenant: 'Tenant', appId: 'Application (client) id', org: 'OpenAI org or project',
}

function factsList(facts: Facts): HTMLElement | null {
  const rows: Child[] = []
  for (const [key, label] of FACT_LABELS) {
    const value = facts[key]
    if (value !== undefined) rows.push(el('dt', {}, label), el('dd', {}, String(value)))
  }
  for (const [key, value] of Object.entries(facts.resources)) rows.push(el('dt', {}, RESOURCE_LABELS[key as keyof Resources] ?? key), el('dd', {}, el('code', {}, String(value))))
  return rows.length ? el('dl', { class: 'facts' }, ...rows) : null
}

/** Every check run on a pasted document, so a clean document says what was verified. */
function analysisSection(a: Analysis): HTMLElement {
  const failed = a.checks.some((c) => c.status === 'fail')
  return el(
    'section',
    { class: 'diagnosis analysis', 'data-analysis': a.document },
    el('h2', {}, failed ? `Checked as ${a.title}` : `This ${a.title} looks right for EKM`),
    el(
      'ul',
      {},
      ...a.checks.map((c) =>
        el(
          'li',
          { 'data-status': c.status, ...(c.resource && { 'data-resource': c.resource }) },
          `${STATUS_MARK[c.status]} ${c.name}${c.status === 'skip' ? ' (could not check)' : ''}: `,
          c.detail,
          ...(c.at || c.resource ? [' ', el('small', {}, `(${[c.resource && `${c.resource}${c.file && c.line ? `, ${c.file}:${c.line}` : c.line ? `, line ${c.line}` : ''}`, c.at].filter(Boolean).join(': ')})`)] : []),
          // In infrastructure code the fix is a snippet in the code's language, shown where the finding is.
          ...(c.resource && c.status === 'fail' && c.fix ? [el('pre', { class: 'check-fix' }, el('code', {}, c.fix))] : []),
        ),
      ),
    ),
  )
}

/** The payload names a family but not which member: each member with the step that decides. */
function familySection(f: FamilyAnswer, resources: Resources): HTMLElement {
  return el(
    'section',
    { class: 'diagnosis family', 'data-family': f.id },
    el('h2', {}, f.title),
    el('p', {}, f.description, ' The error does not say which of these it is; they are listed most common first, each with the check that tells it apart.'),
    el('ol', { class: 'family-members' }, ...f.members.map((m) => el('li', { 'data-symptom': m.id }, el('a', { href: m.url }, m.title), el('p', {}, fillPlaceholders(m.tell, resources))))),
  )
}

/** Nothing matched, but the payload is clearly a key, identity or OpenAI error: what was read and where to look. */
function nearestSection(n: Nearest, leads: boolean): HTMLElement {
  return el(
    'section',
    { class: 'diagnosis nearest', 'data-nearest': '' },
    el('h2', {}, 'No symptom matched exactly'),
    el('p', {}, 'We read: ', el('code', {}, n.read), '.'),
    ...(leads ? [el('p', {}, 'Below, the articles closest to its wording, with low confidence: check each against the payload.')] : []),
    ...(n.articles.length && !leads ? [el('p', {}, 'The closest articles:'), el('ul', {}, ...n.articles.map((a) => el('li', {}, el('a', { href: a.url }, a.title))))] : []),
    el('p', {}, 'Browse ', el('a', { href: n.index }, 'the error index for this provider'), ', or hand the case to support below.'),
  )
}

export function renderDiagnosis(d: Diagnosis): Node[] {
  const out: Node[] = []
  if (d.analysis) out.push(analysisSection(d.analysis))
  if (d.family) out.push(familySection(d.family, d.facts.resources))
  if (d.nearest) out.push(nearestSection(d.nearest, d.matches.length > 0))
  if (d.matches.length === 0 && !d.analysis && !d.nearest) {
    out.push(
      el(
        'section',
        { class: 'diagnosis no-match', 'data-no-match': '' },
        el('h2', {}, 'No known EKM symptom matched'),
        el('p', {}, 'Nothing in this text matches an EKM or OpenAI API error we know. What to try:'),
        el(
          'ul',
          {},
          el('li', {}, 'Paste the complete output, including the line with the error code or exception name.'),
          el('li', {}, 'Search for the error code with the search box (Ctrl+K), or browse the ', el('a', { href: '/errors/' }, 'error index'), '.'),
          el('li', {}, 'If the text comes from a proxy, a web page or your own application, the problem is probably not in EKM.'),
        ),
      ),
    )
  }
  d.matches.forEach((m, i) => out.push(matchCard(m, i, d.facts.resources)))
  const facts = factsList(d.facts)
  if (facts) out.push(el('details', { open: '' }, el('summary', {}, 'What we read from the payload'), facts))
  if (d.redactions.length) {
    const list = d.redactions.map((r) => `${r.count} × ${r.kind}`).join(', ')
    out.push(el('p', { class: 'redactions' }, `Redacted before diagnosis: ${list}. Rotate any secret you pasted anywhere public.`))
  }
  out.push(handOff(d))
  return out
}

/** Copy-ready Markdown for a support ticket, and a link that carries no payload. */
function handOff(d: Diagnosis): HTMLElement {
  const markdown = ticketMarkdown(d, location.origin)
  const link = location.origin + shareLink(d)
  const text = el('textarea', { readonly: '', rows: '10', class: 'ticket', 'aria-label': 'Ticket summary (Markdown)' })
  text.value = markdown
  const status = el('span', { role: 'status', class: 'copied' })
  /** A button that copies and says so where a screen reader hears it too. */
  const copier = (label: string, value: string, done: string) => {
    const button = el('button', { type: 'button' }, label)
    button.addEventListener('click', async () => {
      const ok = await navigator.clipboard?.writeText(value).then(() => true, () => false)
      status.textContent = ok ? done : 'Copying was refused: select the text and copy it.'
    })
    return button
  }
  return el(
    'section',
    { class: 'diagnosis hand-off' },
    el('h2', {}, 'Hand off to support'),
    el('p', {}, 'The summary and the link carry the symptom ids and what was read from the error, never what you pasted.'),
    text,
    el('p', {}, copier('Copy for ticket', markdown, 'Ticket summary copied.'), ' ', copier('Copy link', link, 'Link to this diagnosis copied.'), ' ', el('a', { href: link, class: 'share-link' }, 'Link to this diagnosis'), ' ', status),
  )
}

/** A diagnosis opened from a share link: symptoms by id, described from the site's own data. */
export function renderShared(shared: SharedDiagnosis, symptoms: Record<string, { title: string; summary: string; cause: string; fix: string[]; url: string; causes: { title: string; url: string }[] }>): Node[] {
  const known = shared.ids.filter((id) => symptoms[id])
  const facts = Object.entries(shared.facts).map(([k, v]) => `${k}: ${v}`).join(' · ')
  return [
    el('section', { class: 'diagnosis shared', 'data-shared': '' }, el('h2', {}, 'Shared diagnosis'), el('p', {}, 'Opened from a link: it names the symptoms, not the original error.', ...(facts ? [' Read from the error: ', el('code', {}, facts)] : []))),
    ...known.map((id, i) =>
      matchCard({ id, ...symptoms[id], confidence: NaN, evidence: [], causes: symptoms[id].causes }, i),
    ),
  ]
}

export function renderProblem(problem: { title?: string; detail?: string }): Node[] {
  return [el('section', { class: 'diagnosis problem', role: 'alert' }, el('h2', {}, problem.title ?? 'Request failed'), el('p', {}, problem.detail ?? ''))]
}
