/** Infrastructure code as one analysis: each resource's checks, named by address and line. */
import type { Analysis, AnalyzeContext } from '../analyze/types.ts'
import type { Value } from '../object-literal.ts'
import { awsIacChecks } from './aws.ts'
import { azureIacChecks } from './azure.ts'
import { cloudFormationSet } from './cloudformation.ts'
import { gcpIacChecks } from './gcp.ts'
import type { IacSet } from './resource.ts'
import { terraformModuleSet } from './terraform-module.ts'
import { terraformPlanSet } from './terraform-plan.ts'

export type { IacSet } from './resource.ts'
export { terraformModuleSet, type TerraformFile } from './terraform-module.ts'

export function iacSet(value: Value, text: string): IacSet | undefined {
  return terraformPlanSet(value, text) ?? terraformModuleSet([{ text, value }]) ?? cloudFormationSet(value, text)
}

export function analyzeIacSet(set: IacSet, ctx: AnalyzeContext): Analysis {
  const checks = [...awsIacChecks(set, ctx), ...gcpIacChecks(set, ctx), ...azureIacChecks(set, ctx)]
  return { document: set.document, title: set.title, checks }
}
