/**
 * Terraform's HCL parser in the browser: hcl2json's WebAssembly (HashiCorp's Go parser, 1.7 MB
 * gzipped) run with Go's own browser runtime (wasm_exec.js). The package's Node entry reads the
 * file from disk; here it is a static asset of the site, fetched the first time a .tf file is read.
 * It runs in the page's Terraform worker (terraform-worker.ts), never on the page itself.
 */
import '@cdktf/hcl2json/wasm/wasm_exec.js' // defines globalThis.Go
import wasmUrl from '@cdktf/hcl2json/main.wasm.gz?url'
import type { HclParser } from '~/engine/iac/hcl-source.ts'

type GoFunction = (...args: unknown[]) => void
interface GoRuntime {
  importObject: WebAssembly.Imports
  run(instance: WebAssembly.Instance): Promise<void>
}

/** The asset is gzip; a server that already decoded it (Content-Encoding) hands over the WebAssembly itself. */
async function wasmBytes(response: Response): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(await response.arrayBuffer())
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes.buffer
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer()
}

async function start(): Promise<HclParser> {
  const response = await fetch(wasmUrl)
  if (!response.ok) throw new Error(`Terraform's parser could not be loaded (HTTP ${response.status})`)
  const go = new (globalThis as unknown as { Go: new () => GoRuntime }).Go()
  const { instance } = await WebAssembly.instantiate(await wasmBytes(response), go.importObject)
  // The Go program starts by putting its functions on global.__parse_terraform_config_wasm__, Node's
  // name for the global object; the browser has none, so it is lent for the start only.
  const exported: Record<string, GoFunction> = {}
  const scope = globalThis as { global?: unknown }
  const lent = scope.global === undefined
  if (lent) scope.global = globalThis
  Object.assign(globalThis, { __parse_terraform_config_wasm__: exported })
  void go.run(instance) // runs main until it waits for calls
  if (lent) delete scope.global
  const call = (name: string, ...args: string[]) =>
    new Promise<unknown>((resolve, reject) => exported[name](...args, (err: string | null, json: string) => (err ? reject(new Error(err)) : resolve(JSON.parse(json)))))
  return { parse: (file, text) => call('parse', file, text), getExpressionAst: (file, expression) => call('getExpressionAst', file, expression) }
}

let loading: Promise<HclParser> | undefined

/** The parser, loaded once per page; a failed load is tried again next time. */
export function hclParser(): Promise<HclParser> {
  loading ??= start().catch((e: unknown) => {
    loading = undefined
    throw e
  })
  return loading
}
