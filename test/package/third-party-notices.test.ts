// The site and the CLI serve hcl2json's WebAssembly: its notice must name the package version
// installed and every Go module compiled into it (read from the module's own symbol names), so an
// upgrade that brings in a module we have not listed fails here instead of shipping unlicensed.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'

const notice = readFileSync('public/third-party-notices.txt', 'utf8')
const { version } = JSON.parse(readFileSync('node_modules/@cdktf/hcl2json/package.json', 'utf8'))

/** Go module paths named in the WebAssembly's function names, e.g. github.com/zclconf/go-cty/cty.Value. */
function goModules(wasm: Buffer): Set<string> {
  const text = wasm.toString('latin1')
  const found = new Set<string>()
  for (const m of text.matchAll(/\b(github\.com\/[\w-]+\/[\w-]+|golang\.org\/x\/[a-z]+)/g)) found.add(m[1])
  return found
}

describe('the third-party notice for the HCL parser', () => {
  it('names the installed @cdktf/hcl2json version', () => {
    expect(notice).toContain(`@cdktf/hcl2json ${version}`)
  })

  it('lists every Go module compiled into the WebAssembly, with a licence text for each', () => {
    const modules = [...goModules(gunzipSync(readFileSync('node_modules/@cdktf/hcl2json/main.wasm.gz')))]
      .filter((m) => m !== 'github.com/hashicorp/terraform-cdk') // the package itself, listed by its npm name
    expect(modules.length).toBeGreaterThan(4)
    for (const module of modules) {
      expect(notice, module).toContain(module)
      expect(notice.split('='.repeat(78)).slice(1).some((section) => section.includes(module)), module).toBe(true)
    }
  })

  it('carries the full texts of the licences it names', () => {
    for (const heading of ['Mozilla Public License Version 2.0', 'Apache License', 'Version 2.0, January 2004', 'Permission is hereby granted, free of charge', 'Copyright (c) 2009 The Go Authors']) {
      expect(notice).toContain(heading)
    }
  })
})
