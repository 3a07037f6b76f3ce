/**
 * EC2's state and termination reasons, as the console, Auto Scaling activities and Terraform show
 * them: "Client.InvalidKMSKey.InvalidState: The KMS key provided is in an incorrect state".
 * The code is the whole dotted name (Client. or Server., then one to three parts).
 */
import { RANK } from '../signals.ts'
import { each, LINE, type Format } from './scan.ts'

const STATE_REASON = new RegExp(`\\b((?:Client|Server)\\.[A-Z][A-Za-z]{2,40}(?:\\.[A-Z][A-Za-z]{2,40}){0,2}): (${LINE})`, 'g')

export const ec2StateReason: Format = {
  extract: (text, s) =>
    each(STATE_REASON, text, (m) => {
      s.code(m[1], RANK.named)
      s.message(m[2])
    }),
}
