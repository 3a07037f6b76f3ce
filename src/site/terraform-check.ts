/**
 * The page's side of the Terraform worker: started when a .tf file is opened (or the API says a
 * paste is Terraform source), so the page itself loads none of it. Vite bundles the worker on
 * its own, with its parser and engine, apart from the page's scripts.
 */
import type { DiagnoseContext } from '~/engine/types.ts'
import TerraformWorker from './terraform-worker.ts?worker'
import type { TerraformAnswer } from './terraform-file.ts'

let worker: Worker | undefined

export const startTerraform = (): Worker => (worker ??= new TerraformWorker())
export const terraformStarted = (): boolean => worker !== undefined

/** One check at a time: the page's button is disabled while one runs. */
export function checkTerraform(name: string, text: string, context: DiagnoseContext): Promise<TerraformAnswer> {
  const w = startTerraform()
  return new Promise((resolve, reject) => {
    w.onmessage = ({ data }: MessageEvent<TerraformAnswer>) => resolve(data)
    w.onerror = () => reject(new Error('the Terraform worker failed'))
    w.postMessage({ name, text, context })
  })
}
