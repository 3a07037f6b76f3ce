/** A .tf file read with hcl2json running in Node (the package reads its WebAssembly from disk). */
import * as hcl2json from '@cdktf/hcl2json'
import type { Value } from '../engine/object-literal.ts'
import { readHcl } from '../engine/iac/hcl-source.ts'

export const readTerraformSource = (file: string, text: string): Promise<Value> => readHcl(hcl2json, file, text)
