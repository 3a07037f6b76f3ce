#!/usr/bin/env node
// The CLI is TypeScript run directly by Node's type stripping (Node >= 22.18).
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`ekm-doctor needs Node.js 22.18 or newer (this is ${process.version}). Run it through npx or npm, which use the project's Node.`)
  process.exit(2)
}
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
