/** botocore, boto3 and the AWS CLI: "An error occurred (Code) when calling the Op operation: msg". */
import { RANK } from '../signals.ts'
import { each, LINE, type Format } from './scan.ts'

const CLIENT_ERROR = new RegExp(`(?:An error occurred|A client error) \\(([\\w.]{1,100})\\) (?:occurred )?when calling the (\\w{1,100}) operation(?: \\(reached max retries: \\d{1,3}\\))?:? ?(${LINE})`, 'g')

export const botocore: Format = {
  extract: (text, s) =>
    each(CLIENT_ERROR, text, (m) => {
      s.code(m[1], RANK.named)
      s.op(m[2])
      s.message(m[3])
    }),
}
