import type { FastifyInstance, FastifyRequest, onRequestHookHandler, onSendHookHandler } from 'fastify'
import type { SerializeOptions } from '@fastify/cookie'
import type { Session } from '@fastify/secure-session'

// The session goes through a host's @fastify/cookie when there is one (a second would clash on
// its decorators), whatever that was registered with. Its `hook` option decides when it parses
// and, set to false, whether it writes what an onSend hook sets; the session opens in onRequest
// and is sealed in onSend. Hooks the session plugin adds around its own: this registers nothing.

/** onRequest, before the session opens: the cookies the host's plugin has not parsed yet. */
export function parseCookiesFirst (fastify: FastifyInstance): onRequestHookHandler {
  return (request, _reply, done) => {
    request.cookies ??= fastify.parseCookie(request.headers.cookie ?? '')
    done()
  }
}

/** Whether a Set-Cookie header (one value or several) sets `cookieName`. */
const sets = (header: unknown, cookieName: string): boolean =>
  [header ?? []].flat().some((value) => String(value).startsWith(`${cookieName}=`))

/**
 * onSend, after the session's: with `hook: false`, @fastify/cookie (11.1.5) skips writing a reply
 * whose cookies it never parsed, before the session's onSend sets one, so the sealed session
 * would be dropped. It is written here instead, as @fastify/secure-session sets it.
 */
export function writeDroppedCookie (fastify: FastifyInstance, cookieName: string, options: SerializeOptions): onSendHookHandler {
  return (request, reply, payload, done) => {
    // A request a host's onRequest hook answered before the session's hook ran has none.
    const session = request.portfolioSession as FastifyRequest['portfolioSession'] | null
    if (session?.changed === true && !sets(reply.getHeader('set-cookie'), cookieName)) {
      // encodeSecureSession is typed with the SessionData a host may declare; this is the plugin's.
      const sealed = fastify.encodeSecureSession(session as unknown as Session, 'portfolioSession')
      reply.header('set-cookie', fastify.serializeCookie(cookieName, sealed, options))
    }
    done(null, payload)
  }
}
