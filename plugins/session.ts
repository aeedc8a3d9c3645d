import { hkdfSync } from 'node:crypto'
import fp from 'fastify-plugin'
import secureSession, { type Session } from '@fastify/secure-session'
import { encodeCookieValue, sealedCookieLength, COOKIE_LIMIT_BYTES } from '../src/cookie-size.js'

/** What the plugin's own encrypted cookie holds. */
export interface PortfolioSessionData {
  /** The holdings, encoded by src/portfolio-codec.ts. */
  holdings: string
  /** The secret that this browser's CSRF tokens are made from. */
  csrf: string
  /** A message for the next page, shown once. */
  flash: string
}

declare module 'fastify' {
  interface FastifyRequest {
    portfolioSession: Session<PortfolioSessionData>
  }
  interface FastifyInstance {
    /** Whether a session holding `data` still fits in one browser cookie. */
    portfolioSessionFits(data: Partial<PortfolioSessionData>): boolean
    /** Leaves a message for the next page, if the cookie has room for it; else none. */
    portfolioFlash(session: Session<PortfolioSessionData>, message: string): void
  }
}

export interface SessionPluginOptions {
  keys: Buffer[]
  cookieName: string
  expiry: number
  secure: boolean
}

/**
 * Each registration seals with keys derived for its own cookie name and path, so a cookie
 * copied from another mount of the plugin, or from another cookie sealed with the same key,
 * does not open here.
 */
function purposeKey (key: Buffer, cookieName: string, path: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, '', `fastify-stock-portfolio session ${cookieName} ${path}`, 32))
}

export default fp<SessionPluginOptions>(async function session (fastify, { keys, cookieName, expiry, secure }) {
  const path = fastify.prefix === '' ? '/' : fastify.prefix

  await fastify.register(secureSession, {
    sessionName: 'portfolioSession',
    cookieName,
    key: keys.map((key) => purposeKey(key, cookieName, path)),
    expiry,
    cookie: { path, httpOnly: true, sameSite: 'lax', secure, maxAge: expiry, encode: encodeCookieValue }
  })

  const fits = (data: Partial<PortfolioSessionData>): boolean => sealedCookieLength(cookieName, data) <= COOKIE_LIMIT_BYTES
  fastify.decorate('portfolioSessionFits', fits)
  // A full portfolio may have no room for a long message: the change matters, the message not.
  fastify.decorate('portfolioFlash', (session: Session<PortfolioSessionData>, message: string) => {
    session.set('flash', fits({ ...session.data(), flash: message }) ? message : undefined)
  })

  // Every page here depends on the cookie: no shared cache may store one or serve it to another.
  fastify.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
    const vary = reply.getHeader('vary')
    reply.header('vary', vary === undefined ? 'Cookie' : `${String(vary)}, Cookie`)
  })

  // Every session this plugin writes holds a CSRF secret, so a cookie that arrived but gave
  // none was refused: tampered, truncated, expired or sealed under another key.
  fastify.addHook('onRequest', async (request) => {
    if (request.cookies[cookieName] !== undefined && request.portfolioSession.get('csrf') === undefined) {
      request.log.warn({ cookie: cookieName }, 'fastify-stock-portfolio: refused a session cookie (tampered, expired or sealed under another key); starting an empty session')
    }
  })
}, { name: 'session', fastify: '5.x' })
