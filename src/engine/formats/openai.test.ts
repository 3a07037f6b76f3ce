// Real samples: OpenAI SDK errors as applications log them.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('OpenAI SDKs', () => {
  it('reads openai-python 0.x error classes', () => {
    // https://github.com/stanfordnlp/dspy/pull/203
    const sample = "openai.error.APIError: Bad gateway. {\"error\":{\"code\":502,\"message\":\"Bad gateway.\",\"param\":null,\"type\":\"cf_bad_gateway\"}} 502 {'error': {'code': 502, 'message': 'Bad gateway.', 'param': None, 'type': 'cf_bad_gateway'}}"
    const f = facts(sample)
    expect(f).toMatchObject({ provider: 'openai', httpStatus: 502 })
    expect(f.codes).toContain('APIError')
  })

  it("reads openai-node's class and status line", () => {
    // https://github.com/mindcraft-bots/mindcraft/issues/49
    const sample = 'RateLimitError: 429 You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.'
    const f = facts(sample)
    expect(f).toMatchObject({ provider: 'openai', httpStatus: 429, condition: 'throttled' })
    expect(f.codes).toContain('RateLimitError')
    // The class name alone, without a status after it, is any library's.
    expect(facts('RateLimitError: slow down').provider).toBeUndefined()
  })

  it('does not take a Stripe error body for OpenAI, though both use invalid_request_error', () => {
    // https://github.com/redwoodjs/example-store-stripe/pull/168
    const sample = '{\n  "error": {\n    "code": "resource_missing",\n    "doc_url": "https://stripe.com/docs/error-codes/resource-missing",\n    "message": "No such customer: \'5\'",\n    "param": "customer",\n    "type": "invalid_request_error"\n  }\n}'
    expect(facts(sample).provider).toBeUndefined()
  })
})
