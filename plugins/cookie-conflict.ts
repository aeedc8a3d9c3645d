import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'

// Two cookies of the session's name in one request: one may have been planted by a sibling
// subdomain with a longer Path, which browsers send first. Neither is opened, and nothing is
// sealed back over the browser's real one.

const kConflict: unique symbol = Symbol('fastify-stock-portfolio/cookie conflict')

declare module 'fastify' {
  interface FastifyRequest {
    [kConflict]: boolean
  }
}

/** Whether this request carried two cookies of the session's name. */
export function hasCookieConflict (request: FastifyRequest): boolean {
  return request[kConflict]
}

/** Spaces and tabs around a cookie's name, which the `cookie` parser trims. */
const NAME_PADDING = /^[ \t]+|[ \t]+$/g

/**
 * Whether the Cookie header names the cookie `name` more than once, read as the `cookie`
 * package that @fastify/cookie uses reads it: pairs split at ";", the name before the first
 * "=" trimmed of spaces and tabs, pairs without "=" skipped. Cheap when the name is there once.
 */
function repeatsCookie (header: string | undefined, name: string): boolean {
  if (header === undefined) return false
  const first = header.indexOf(name)
  if (first === -1 || header.indexOf(name, first + 1) === -1) return false
  let seen = 0
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=')
    if (equals !== -1 && pair.slice(0, equals).replace(NAME_PADDING, '') === name && ++seen > 1) return true
  }
  return false
}

// Registered after the cookies are parsed and before @fastify/secure-session, so that its hooks
// run before the session's: the cookie is dropped before it is opened, and the empty session
// that replaces it is never sealed.
export default fp<{ cookieName: string }>(async function cookieConflict (fastify, { cookieName }) {
  fastify.decorateRequest(kConflict, false)
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (repeatsCookie(request.headers.cookie, cookieName)) {
      request[kConflict] = true
      delete request.cookies[cookieName]
      request.log.debug({ cookie: cookieName }, 'fastify-stock-portfolio: the request carried the session cookie more than once; using neither')
    }
    done()
  })
  fastify.addHook('onSend', (request, _reply, payload, done) => {
    if (request[kConflict]) request.portfolioSession.changed = false
    done(null, payload)
  })
}, { name: 'fastify-stock-portfolio/cookie-conflict', fastify: '5.x' })
