// After `astro build`: a strict Content-Security-Policy for every page, written into dist/_headers.
// Scripts run only from the site's own files or as one of the inline scripts the build emitted
// (each allowed by its SHA-256), so a script that arrives any other way — a pasted payload
// rendered as HTML, a tampered page — does not run. Pagefind compiles its WebAssembly index
// ('wasm-unsafe-eval'); Starlight and Expressive Code set inline styles ('unsafe-inline' for
// styles only, which cannot run code).
import { createHash } from 'node:crypto'
import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const DIST = 'dist'

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return htmlFiles(path)
    return name.endsWith('.html') ? [path] : []
  })
}

/** The SHA-256 of every inline script that a browser would run (data blocks such as JSON are not scripts). */
export function inlineScriptHashes(html) {
  const hashes = new Set()
  for (const [, attributes = '', body] of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
    if (/\ssrc=/.test(attributes)) continue
    const type = /\stype="([^"]*)"/.exec(attributes)?.[1]
    if (type && !['module', 'text/javascript', 'application/javascript'].includes(type)) continue
    hashes.add(`'sha256-${createHash('sha256').update(body).digest('base64')}'`)
  }
  return hashes
}

export function policy(hashes) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${[...hashes].sort().join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const hashes = new Set()
  for (const file of htmlFiles(DIST)) for (const h of inlineScriptHashes(readFileSync(file, 'utf8'))) hashes.add(h)
  // public/_headers holds the other headers under "/*"; this line joins that block.
  appendFileSync(join(DIST, '_headers'), `  Content-Security-Policy: ${policy(hashes)}\n`)
  console.log(`csp: ${hashes.size} inline scripts allowed by hash`)
}
