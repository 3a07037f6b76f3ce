/** Raw HTTP as curl -i or a client log prints it: status lines, request-id headers, "Status Code: 403". */
import { each, type Format } from './scan.ts'

/** .NET's HttpStatusCode names, as AutoRest clients (Azure .NET SDKs, Az PowerShell) print them. */
const STATUS_NAMES: Record<string, number> = {
  BadRequest: 400, Unauthorized: 401, Forbidden: 403, NotFound: 404, Conflict: 409, TooManyRequests: 429,
  InternalServerError: 500, BadGateway: 502, ServiceUnavailable: 503, GatewayTimeout: 504,
}

export const http: Format = {
  extract(text, s) {
    each(/\bHTTP\/\d(?:\.\d)? (\d{3})\b/g, text, (m) => s.status(m[1]))
    // google-github-actions/auth and other clients: "HTTP 404: [no body]".
    each(/\bHTTP ([45]\d\d):/g, text, (m) => s.status(m[1]))
    each(/^(?:x-amzn-requestid|x-amz-request-id|x-request-id|x-ms-request-id|request-id): ?([\w./:=+-]{6,128})/gim, text, (m) => s.request(m[1]))
    each(/\b(?:Status Code|status code|StatusCode|HTTP status|Status): ?(\d{3})\b/g, text, (m) => s.status(m[1]))
    each(/\bRequest ?ID: ([\w-]{6,100})/gi, text, (m) => s.request(m[1]))
    each(/\bStatus code (\d{3})\b|invalid status code '(\d{3})'/g, text, (m) => s.status(m[1] ?? m[2]))
    // Coding agents' and clients' "API Error: 402 {…}" before the body they got.
    each(/\bAPI Error: ([45]\d\d)\b/g, text, (m) => s.status(m[1]))
    // Rust's Debug form of a status, as Rust clients' errors print it: "OAuth(HttpStatus(400), …)".
    each(/\bHttpStatus\(([45]\d\d)\)/g, text, (m) => s.status(m[1]))
    // A status with its standard reason phrase: "401 Unauthorized POST https://…", "status 403 Forbidden".
    each(/\b([45]\d\d) (?:Bad Request|Unauthorized|Forbidden|Not Found|Conflict|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)\b/g, text, (m) => s.status(m[1]))
    // "Operation returned an invalid status code 'Forbidden'"
    each(/invalid status code '([A-Za-z]{5,20})'/g, text, (m) => s.status(STATUS_NAMES[m[1]]))
  },
}
