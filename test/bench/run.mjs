// `npm run bench`: performance figures, each measured side by side in one run (the machines are
// shared and noisy, so ratios matter more than absolute times). Loopback only, bounded in time.
import { spawn, execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createDiagnoser } from '../../src/engine/index.ts'
import { FAMILIES, SYMPTOMS } from '../../src/generated/symptoms.ts'
import { buildWorker, packAndInstallCli } from '../support/builds.ts'

const ERRORS = 'content/errors'
const ms = (n) => `${n.toFixed(3)} ms`
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

function corpus() {
  const out = []
  for (const id of readdirSync(ERRORS).filter((d) => !d.startsWith('_'))) {
    for (const kind of ['match', 'nomatch']) {
      const dir = join(ERRORS, id, 'fixtures', kind)
      try {
        for (const f of readdirSync(dir)) out.push(readFileSync(join(dir, f), 'utf8'))
      } catch {}
    }
  }
  return out
}

/** Median time of fn over `rounds`, after a warm-up. */
function timeIt(fn, rounds = 200) {
  for (let i = 0; i < 20; i++) fn()
  const times = []
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    fn()
    times.push(performance.now() - t)
  }
  return times.sort((a, b) => a - b)
}

function engineCorpus(diagnoser, payloads) {
  const times = []
  for (let r = 0; r < 30; r++) {
    for (const p of payloads) {
      const t = performance.now()
      diagnoser.diagnose(p)
      times.push(performance.now() - t)
    }
  }
  times.sort((a, b) => a - b)
  console.log(`Engine over the fixture corpus (${payloads.length} payloads × 30): median ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}`)
}

/** One linear pass over the text (lower-casing it and counting its lines): the yardstick for the engine. */
function linearPass(text) {
  const lower = text.toLowerCase()
  let lines = 0
  for (let i = 0; i < lower.length; i++) if (lower.charCodeAt(i) === 10) lines++
  return lines
}

/** Text of exactly `bytes` characters made of `unit` repeated. */
const filled = (unit, bytes) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes)

function shapes(diagnoser, payloads) {
  // Real logs: every fixture one after another, and a real fixture buried in routine log lines.
  // Adversarial: the shapes that cost most in a parser or a scanner.
  const fixture = payloads.find((p) => p.includes('DisabledException')) ?? payloads[0]
  const noise = '2026-11-26T10:00:00Z INFO worker-7 processed batch id=4f1c status=ok latency_ms=12 region=us-east-1\n'
  const all = payloads.join('\n')
  const real = {
    'fixtures, concatenated': (bytes) => filled(all, bytes),
    'fixture in log noise': (bytes) => (filled(noise, bytes) + fixture).slice(-bytes),
  }
  const adversarial = {
    '{ flood': (b) => filled('{', b),
    'nested objects': (b) => filled('{"a":', b),
    'nested arrays': (b) => filled('[', b),
    'quote flood': (b) => filled('"', b),
    'escaped quotes': (b) => filled('\\"', b),
    'backslashes': (b) => filled('\\', b),
    'one long line': (b) => filled('abcdefghij ', b),
    'one long word': (b) => filled('x', b),
    'empty lines': (b) => filled('\n', b),
    'open strings': (b) => filled("'a", b),
    'JSON fragments': (b) => filled('{"code":"AccessDenied","message":"', b),
    'error codes': (b) => filled('AccessDeniedException ', b),
    'ARNs': (b) => filled('arn:aws:kms:us-east-1:111122223333:key/', b),
    'wrappers': (b) => filled('caused by: rpc error: code = ', b),
    'secrets': (b) => filled('token=abc123 ', b),
  }
  console.log('Cost by payload shape (median and p99 per payload; × = ratio to one linear pass over the same text):')
  const realAt64 = []
  let worst = { name: '', p99: 0 }
  for (const size of [1, 16, 64]) {
    const bytes = size * 1024
    for (const [kind, set] of [['real', real], ['adversarial', adversarial]]) {
      for (const [name, make] of Object.entries(set)) {
        const text = make(bytes)
        const rounds = size === 64 ? 40 : 100
        const times = timeIt(() => diagnoser.diagnose(text), rounds)
        const pass = quantile(timeIt(() => linearPass(text), rounds), 0.5)
        const median = quantile(times, 0.5)
        const p99 = quantile(times, 0.99)
        if (size === 64 && kind === 'real') realAt64.push(median)
        if (size === 64 && kind === 'adversarial' && p99 > worst.p99) worst = { name, p99 }
        console.log(`  ${String(size).padStart(2)} KiB ${kind.padEnd(11)} ${name.padEnd(24)} median ${ms(median)} ×${(median / pass).toFixed(0)}, p99 ${ms(p99)}`)
      }
    }
  }
  const realMedian = Math.max(...realAt64)
  console.log(`  64 KiB: worst adversarial p99 (${worst.name}) ${ms(worst.p99)} = ×${(worst.p99 / realMedian).toFixed(2)} the real-log median (${ms(realMedian)})`)
}

function ruleCount(payloads) {
  // Copies of the real rules under other codes and phrases: bucketed copies are never evaluated for
  // a payload without their code; text-only copies are, so they show the unbucketed cost.
  const mark = (v, n) => (Array.isArray(v) ? v.map((x) => `${x}~${n}`) : `${v}~${n}`)
  const leaf = (l, n) => ({ ...l, ...(l.in && { in: mark(l.in, n) }), ...(l.equals && { equals: mark(l.equals, n) }), ...(l.includes && { includes: mark(l.includes, n) }) })
  const clone = (s, n) => {
    const r = s.rule
    const rule = { ...r, ...Object.fromEntries(['all', 'any', 'none', 'also'].filter((k) => r[k]).map((k) => [k, r[k].map((l) => leaf(l, n))])) }
    // Fact combinations of a copy name marked values too, so copies never fire on the real payloads.
    const facts = r.facts?.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, k === 'weight' ? v : mark(v, n)])))
    return { ...s, id: `${s.id}-copy${n}`, rule: { ...rule, ...(facts && { facts }) } }
  }
  console.log('Growth with rule count (corpus median per payload, ratio to the real rule set):')
  let base
  for (const factor of [1, 4, 16]) {
    const rules = [...SYMPTOMS]
    for (let n = 1; n < factor; n++) rules.push(...SYMPTOMS.map((s) => clone(s, n)))
    const d = createDiagnoser(rules, FAMILIES)
    const times = []
    for (let r = 0; r < 10; r++) for (const p of payloads) {
      const t = performance.now()
      d.diagnose(p)
      times.push(performance.now() - t)
    }
    const median = quantile(times.sort((a, b) => a - b), 0.5)
    base ??= median
    console.log(`  ${String(rules.length).padStart(4)} rules: ${ms(median)}  ×${(median / base).toFixed(2)}`)
  }
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

async function throughput(url, init, seconds, concurrency = 8) {
  const end = Date.now() + seconds * 1000
  let done = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const res = await fetch(url, init)
        await res.arrayBuffer()
        if (!res.ok) throw new Error(`${url}: ${res.status}`)
        done++
      }
    }),
  )
  return done / seconds
}

async function http(payloads) {
  const port = await freePort()
  const child = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error'], {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: 'ignore',
    detached: true,
  })
  try {
    const base = `http://127.0.0.1:${port}`
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${base}/api/v1/health`)).ok) break
      } catch {}
      await new Promise((r) => setTimeout(r, 250))
    }
    const payload = payloads.find((p) => p.length > 1000) ?? payloads[0]
    const diagnose = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: payload }
    const rates = { health: [], diagnose: [] }
    for (let round = 0; round < 3; round++) {
      // Interleaved rounds, so both routes see the same machine load.
      rates.health.push(await throughput(`${base}/api/v1/health`, undefined, 2))
      rates.diagnose.push(await throughput(`${base}/api/v1/diagnose`, diagnose, 2))
    }
    const med = (xs) => xs.sort((a, b) => a - b)[1]
    const [h, d] = [med(rates.health), med(rates.diagnose)]
    console.log(`HTTP through wrangler dev on loopback (8 concurrent, 3 interleaved rounds of 2 s, ${kib(payload.length)} payload):`)
    console.log(`  /api/v1/health ${h.toFixed(0)} req/s, /api/v1/diagnose ${d.toFixed(0)} req/s: diagnose runs at ${(d / h).toFixed(2)}× the trivial route`)
  } finally {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
  }
}

function worker(dir) {
  const { out, file } = buildWorker(dir)
  return { dir, out, file, bytes: readFileSync(file) }
}

// A cold start as a fresh process sees it: evaluate the Worker bundle, then answer one diagnose
// (which, for a bundle without the registry, includes reading /registry.json from the assets).
const COLD_START = `
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
const [bundle, dist, payload] = process.argv.slice(1)
const t0 = performance.now()
const { default: worker } = await import(pathToFileURL(bundle).href)
const t1 = performance.now()
const ASSETS = { fetch: async (req) => { try { return new Response(readFileSync(join(dist, new URL(req.url).pathname))) } catch { return new Response('', { status: 404 }) } } }
const res = await worker.fetch(new Request('http://127.0.0.1/api/v1/diagnose', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: readFileSync(payload, 'utf8') }), { ASSETS })
if (!res.ok) throw new Error('diagnose: ' + res.status)
await res.text()
console.log(JSON.stringify({ load: t1 - t0, first: performance.now() - t1 }))
`

/** Bundle size, and cold starts of this bundle and (with --baseline) an earlier one, interleaved. */
function workerBundles(payloads, baselineDir) {
  const workers = [worker('.'), ...(baselineDir ? [worker(baselineDir)] : [])]
  const payloadFile = join(workers[0].out, 'payload.txt')
  writeFileSync(payloadFile, payloads.find((p) => p.length > 1000) ?? payloads[0])
  try {
    const times = workers.map(() => ({ load: [], first: [] }))
    for (let round = 0; round < 8; round++) {
      workers.forEach((w, i) => {
        const t = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', COLD_START, w.file, resolve(w.dir, 'dist'), payloadFile], { encoding: 'utf8' }))
        times[i].load.push(t.load)
        times[i].first.push(t.first)
      })
    }
    const med = (xs) => quantile(xs.sort((a, b) => a - b), 0.5)
    workers.forEach((w, i) => {
      const name = i === 0 ? 'Worker bundle' : `Worker bundle of ${w.dir}`
      console.log(`${name}: ${kib(w.bytes.length)} raw, ${kib(gzipSync(w.bytes).length)} gzip; cold start (fresh process, 8 runs) median ${ms(med(times[i].load))} to evaluate + ${ms(med(times[i].first))} for the first diagnose`)
    })
  } finally {
    for (const w of workers) rmSync(w.out, { recursive: true, force: true })
  }
}

/**
 * The installable CLI: tarball and installed size, and start-up against the checkout's CLI, in
 * fresh processes, interleaved (`--version` is start-up alone; `diagnose` adds one diagnosis).
 */
function cliPackage() {
  const work = mkdtempSync(join(tmpdir(), 'ekm-cli-bench-'))
  try {
    const { tarball, installed } = packAndInstallCli(work)
    const du = (dir) => readdirSync(dir, { recursive: true }).reduce((n, f) => n + (statSync(join(dir, f)).isFile() ? statSync(join(dir, f)).size : 0), 0)
    console.log(`CLI package: tarball ${kib(statSync(tarball).size)}, installed ${kib(du(installed))} (no dependencies to install)`)
    const fixture = 'content/errors/aws-kms-key-disabled/fixtures/match/aws-cli-reencrypt-disabled.txt'
    const runs = {
      'installed, Node 22': [process.execPath, join(installed, 'bin', 'ekm-doctor.cjs')],
      'checkout, Node 22': [process.execPath, 'bin/ekm-doctor.mjs'],
      // The package needs Node 22, which the checkout's own Node is.
      'installed, Node 22': [process.execPath, join(installed, 'bin', 'ekm-doctor.cjs')],
    }
    for (const args of [['--version'], ['diagnose', fixture]]) {
      const times = Object.fromEntries(Object.keys(runs).map((k) => [k, []]))
      for (let round = 0; round < 10; round++) {
        for (const [label, [node, bin]] of Object.entries(runs)) {
          const t = performance.now()
          execFileSync(node, [bin, ...args], { stdio: 'ignore', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } })
          times[label].push(performance.now() - t)
        }
      }
      const med = (xs) => quantile(xs.sort((a, b) => a - b), 0.5)
      const ref = med(times['checkout, Node 22'])
      console.log(`  ekm-doctor ${args[0]}: ${Object.entries(times).map(([k, xs]) => `${k} ${ms(med(xs))} (×${(med(xs) / ref).toFixed(2)})`).join(', ')}`)
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function pageWeight(path) {
  const html = readFileSync(join('dist', path, 'index.html'))
  const refs = [...html.toString().matchAll(/(?:src|href)="(\/_astro\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])
  const assets = [...new Set(refs)].map((r) => readFileSync(join('dist', r)))
  const all = [html, ...assets]
  const js = assets.filter((_, i) => [...new Set(refs)][i].endsWith('.js'))
  const sum = (xs) => xs.reduce((n, b) => n + b.length, 0)
  const gz = (xs) => xs.reduce((n, b) => n + gzipSync(b).length, 0)
  console.log(`Article page weight (/${path}/): ${kib(sum(all))} raw, ${kib(gz(all))} gzip, of which JavaScript ${kib(sum(js))} raw, ${kib(gz(js))} gzip (search UI loads lazily on use)`)
}

/**
 * `npm run bench -- --baseline DIR`: DIR is a checkout of an earlier commit, built (`npm ci && npm run
 * build` there); both engines run the same corpus, and both Worker bundles cold-start, interleaved, in this run.
 */
async function baseline(dir, diagnoser, payloads) {
  const engine = await import(resolve(dir, 'src/engine/index.ts'))
  const registry = await import(resolve(dir, 'src/generated/symptoms.ts'))
  const before = engine.createDiagnoser(registry.SYMPTOMS, registry.FAMILIES)
  const times = { before: [], now: [] }
  for (let r = 0; r < 30; r++) {
    for (const p of payloads) {
      for (const [key, d] of r % 2 ? [['before', before], ['now', diagnoser]] : [['now', diagnoser], ['before', before]]) {
        const t = performance.now()
        d.diagnose(p)
        times[key].push(performance.now() - t)
      }
    }
  }
  const [b, n] = [times.before, times.now].map((xs) => quantile(xs.sort((x, y) => x - y), 0.5))
  console.log(`Against ${dir} (same corpus, interleaved): median ${ms(n)} now vs ${ms(b)} before: ×${(n / b).toFixed(2)}`)
}

const payloads = corpus()
const diagnoser = createDiagnoser(SYMPTOMS, FAMILIES)
engineCorpus(diagnoser, payloads)
const at = process.argv.indexOf('--baseline')
if (at > 0) await baseline(process.argv[at + 1], diagnoser, payloads)
shapes(diagnoser, payloads)
ruleCount(payloads)
pageWeight('errors/aws-kms-key-disabled')
workerBundles(payloads, at > 0 ? process.argv[at + 1] : undefined)
cliPackage()
await http(payloads)
