/** The diagnose page's Terraform worker: the parser's 6 MB of WebAssembly and the engine run here, off the page. */
import type { DiagnoseContext } from '~/engine/types.ts'
import { checkTerraformFile, prepare } from './terraform-file.ts'

type Request = { name: string; text: string; context: DiagnoseContext }
// The worker's global scope (the site's TypeScript settings describe a page's).
const scope = self as unknown as { onmessage: (event: MessageEvent<Request>) => void; postMessage: (message: unknown) => void }

prepare()
scope.onmessage = async ({ data }) => scope.postMessage(await checkTerraformFile(data.name, data.text, data.context))
