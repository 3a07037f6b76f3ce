/** Configuration analysis: a pasted or fetched document checked against what EKM needs. */

export interface Check {
  name: string
  status: 'pass' | 'fail' | 'skip'
  /** The symptom this failure will cause, on fail. */
  id?: string
  detail: string
  /** The corrected snippet or the command that fixes it, on fail. */
  fix?: string
  /** Where in the document: a statement, a field. */
  at?: string
  /** In infrastructure code: the resource address (aws_iam_role.openai) or logical id, and its line. */
  resource?: string
  line?: number
  /** The file the resource is in, when the code is several files (a Terraform module). */
  file?: string
}

export interface Analysis {
  /** Which kind of document this is, e.g. "aws-trust-policy". */
  document: string
  title: string
  checks: Check[]
}

export interface AnalyzeContext {
  org?: string
  key?: string
  role?: string
  region?: string
}
