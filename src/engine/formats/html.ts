/** An HTML error page (a gateway's or a service's): "<title>503 Service Unavailable</title>". */
import { each, type Format } from './scan.ts'

export const html: Format = {
  extract: (text, s) =>
    each(/<(?:title|h1)>\s{0,10}(\d{3}) ([^<\r\n]{1,120})<\/(?:title|h1)>/gi, text, (m) => {
      s.status(m[1])
      s.message(`${m[1]} ${m[2].trim()}`)
    }),
}
