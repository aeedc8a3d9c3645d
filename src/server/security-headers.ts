import type { IncomingMessage, ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'

// helmet's headers depend on its options only, so they are worked out once, at start-up, and
// copied onto each reply, where @fastify/helmet runs helmet's middleware on every request.
export function helmetHeaders (options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {}
  const recorder = {
    setHeader (name: string, value: string) { headers[name.toLowerCase()] = value },
    removeHeader (name: string) { Reflect.deleteProperty(headers, name.toLowerCase()) }
  }
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {})
  return headers
}

/** What a browser applies to a redirect itself: the HTTPS rule and the Referer it sends on. */
const REDIRECT_HEADERS = ['strict-transport-security', 'referrer-policy']

export default fp<{ headers: Record<string, string> }>(async function securityHeaders (fastify, { headers }) {
  // A redirect carries no document for a content, framing or isolation policy to govern.
  const redirectHeaders = Object.fromEntries(Object.entries(headers).filter(([name]) => REDIRECT_HEADERS.includes(name)))
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    reply.headers(reply.statusCode >= 300 && reply.statusCode < 400 ? redirectHeaders : headers)
    done(null, payload)
  })
}, { name: 'fastify-stock-portfolio/security-headers', fastify: '5.x' })
