// Builds the installable CLI package in packages/cli: one bundled CommonJS file (the engine, the
// symptom registry, the AWS and Azure SDK clients and Google's Cloud KMS and auth libraries included,
// so installing it fetches nothing), plus the package's README. `npm run pack:cli` then packs it.
import { build } from 'esbuild'
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

rmSync('packages/cli/dist', { recursive: true, force: true })
const result = await build({
  stdin: {
    contents: [
      "import('./src/cli/main.ts').then(({ main }) => main(process.argv.slice(2))).then((code) => { process.exitCode = code })",
    ].join('\n'),
    resolveDir: '.',
    sourcefile: 'ekm-doctor-entry.ts',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  // The oldest Node the package supports (packages/cli/package.json "engines"): 22, because the
  // bundled Azure SDK and Google's client libraries require it.
  target: 'node22',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  outfile: 'packages/cli/dist/ekm-doctor.cjs',
  metafile: true,
  // hcl2json's Go runtime falls back to require('performance') only where globalThis.performance is missing, never on Node.
  external: ['performance'],
  logLevel: 'warning',
})

// Every bundled package's licence travels with the bundle.
const packages = new Set(
  Object.keys(result.metafile.inputs)
    .map((path) => /^(?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+/.exec(path)?.[0])
    .filter(Boolean),
)
// Packages with the same licence text share one copy of it.
const byText = new Map()
for (const dir of [...packages].sort()) {
  const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const file = readdirSync(dir).find((f) => /^(?:licen[cs]e|copying)(?:\.|$)/i.test(f))
  const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${license}`
  byText.set(text, [...(byText.get(text) ?? []), `${name}@${version} (${license})`])
}
const notices = [...byText].map(([text, names]) => `${names.join('\n')}\n\n${text}\n`)
// The WebAssembly ships beside the bundle: its Go modules' licences are the site's notice for it.
const wasmNotice = readFileSync('public/third-party-notices.txt', 'utf8')
writeFileSync('packages/cli/dist/THIRD-PARTY-LICENSES.txt', `ekm-doctor bundles these packages:\n\n${notices.join('\n' + '-'.repeat(72) + '\n\n')}\n${'='.repeat(72)}\n\n${wasmNotice}`)
// Terraform's HCL parser is WebAssembly that hcl2json reads from beside its code (../main.wasm.gz
// from the bundle's folder): it ships as a file of the package.
copyFileSync('node_modules/@cdktf/hcl2json/main.wasm.gz', 'packages/cli/main.wasm.gz')
if (!existsSync('packages/cli/dist/ekm-doctor.cjs')) throw new Error('no bundle written')
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0)
console.log(`cli: packages/cli/dist (${(bytes / 1024).toFixed(0)} KiB, ${packages.size} bundled packages)`)
