// Real sample: a gateway's HTML error page.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('HTML error pages', () => {
  it('reads the status, and no provider from a bare gateway page', () => {
    // https://github.com/chubin/wttr.in/issues/25 (the page as curl printed it)
    const sample = '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body bgcolor="white">\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx/1.10.0 (Ubuntu)</center>\r\n</body>\r\n</html>'
    const f = facts(sample)
    expect(f.httpStatus).toBe(504)
    expect(f.provider).toBeUndefined()
  })
})
