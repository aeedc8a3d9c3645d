import type { IncomingMessage, ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'

// helmet's headers depend on its options only, so they are worked out once, at start-up, and
// copied onto each reply. @fastify/helmet builds the helmet middleware again on every request,
// re-parsing the Content-Security-Policy each time: measured at 7% of the server's CPU under
// load (bench/results.md), for headers that never change.
export function helmetHeaders (options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {}
  const recorder = {
    setHeader (name: string, value: string) { headers[name.toLowerCase()] = value },
    removeHeader (name: string) { Reflect.deleteProperty(headers, name.toLowerCase()) }
  }
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {})
  return headers
}

export default fp<{ headers: Record<string, string> }>(async function securityHeaders (fastify, { headers }) {
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })
}, { name: 'fastify-stock-portfolio/security-headers', fastify: '5.x' })
