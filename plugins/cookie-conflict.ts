import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'

// Two cookies of the session's name in one request: one may have been planted by a sibling
// subdomain with a longer Path, which browsers send first. Neither is opened, and nothing is
// sealed back over the browser's real one.

export const COOKIE_CONFLICT_NOTICE = 'Your browser sent two portfolio cookies, so neither was used: another site on this domain may have set one. Nothing can be saved until this site\'s cookies are cleared in the browser.'

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

/** What a page says of the session before anything else: why it shows no portfolio, if so. */
export function sessionNotice (request: FastifyRequest): string | undefined {
  return request[kConflict] ? COOKIE_CONFLICT_NOTICE : undefined
}

/** Whether the Cookie header holds `assignment` (a cookie's name and "=") more than once; cheap when it does not. */
function repeatsCookie (header: string | undefined, assignment: string): boolean {
  if (header === undefined) return false
  const first = header.indexOf(assignment)
  if (first === -1 || header.indexOf(assignment, first + 1) === -1) return false
  return header.split(';').filter((pair) => pair.trimStart().startsWith(assignment)).length > 1
}

// Registered after the cookies are parsed and before @fastify/secure-session, so that its hooks
// run before the session's: the cookie is dropped before it is opened, and the empty session
// that replaces it is never sealed.
export default fp<{ cookieName: string }>(async function cookieConflict (fastify, { cookieName }) {
  fastify.decorateRequest(kConflict, false)
  const assignment = `${cookieName}=`
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (repeatsCookie(request.headers.cookie, assignment)) {
      request[kConflict] = true
      delete request.cookies[cookieName]
      request.log.warn({ cookie: cookieName }, 'fastify-stock-portfolio: the request carried the session cookie more than once; using neither')
    }
    done()
  })
  fastify.addHook('onSend', (request, _reply, payload, done) => {
    if (request[kConflict]) request.portfolioSession.changed = false
    done(null, payload)
  })
}, { name: 'fastify-stock-portfolio/cookie-conflict', fastify: '5.x' })
