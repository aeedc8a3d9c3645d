import { hkdfSync } from 'node:crypto'
import fp from 'fastify-plugin'
import cookie from '@fastify/cookie'
import secureSession, { type Session } from '@fastify/secure-session'
import type { ResolvedOptions } from '../src/options.js'
import cookieConflict from './cookie-conflict.js'
import cookiePathCheck from './cookie-path.js'
import cookieSize from './cookie-size.js'
import { parseCookiesFirst, writeDroppedCookie } from './host-cookie.js'

/** What the plugin's own encrypted cookie holds. */
export interface PortfolioSessionData {
  /** The holdings, encoded by src/portfolio/portfolio-codec.ts. */
  holdings: string
  /** The secret that this browser's CSRF tokens are made from. */
  csrf: string
  /** A message for the next page, shown once (plugins/flash.ts). */
  flash: string
  /** The language the visitor chose with the switch (plugins/i18n.ts); none: Accept-Language decides. */
  locale: string
}

declare module 'fastify' {
  interface FastifyRequest {
    portfolioSession: Session<PortfolioSessionData>
  }
}

/**
 * Escapes only the ";" of the sealed value: base64's + / = are legal in a cookie, and escaping
 * them would make the cookie's length depend on the nonce (plugins/cookie-size.ts computes it).
 */
export function encodeCookieValue (value: string): string {
  return value.replace(';', '%3B')
}

/**
 * Each registration seals with keys derived for its own cookie name and path, so a cookie
 * copied from another mount of the plugin, or sealed with the same key elsewhere, does not open.
 */
function purposeKey (key: Buffer, cookieName: string, path: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, '', `fastify-stock-portfolio session ${cookieName} ${path}`, 32))
}

export type SessionPluginOptions = Pick<ResolvedOptions, 'keys' | 'cookieName' | 'cookiePath' | 'expiry' | 'secure'>

export default fp<SessionPluginOptions>(async function session (fastify, { keys, cookieName, cookiePath, expiry, secure }) {
  // A host's @fastify/cookie, registered with fastify-plugin, is the one to use (host-cookie.ts).
  const hostCookie = fastify.hasPlugin('@fastify/cookie')
  if (hostCookie) fastify.addHook('onRequest', parseCookiesFirst(fastify))
  else await fastify.register(cookie)
  await fastify.register(cookiePathCheck, { cookiePath })
  await fastify.register(cookieConflict, { cookieName })
  // Every attribute is named: a host's @fastify/cookie merges its parseOptions (signed, domain,
  // partitioned…) into every cookie set, this one included.
  const cookieOptions = { path: cookiePath, httpOnly: true, sameSite: 'lax', secure, maxAge: expiry, encode: encodeCookieValue, signed: false, domain: undefined, partitioned: false, priority: undefined, expires: undefined } as const
  await fastify.register(secureSession, {
    sessionName: 'portfolioSession',
    cookieName,
    key: keys.map((key) => purposeKey(key, cookieName, cookiePath)),
    expiry,
    cookie: cookieOptions
  })
  await fastify.register(cookieSize, { cookieName })
  if (hostCookie) fastify.addHook('onSend', writeDroppedCookie(fastify, cookieName, cookieOptions))

  fastify.addHook('onRequest', (request, _reply, done) => {
    // Every session this plugin writes holds a CSRF secret, so a cookie that gave none was
    // refused: tampered, truncated, expired or sealed under another key. At debug, since anyone
    // can send one: at warn, a client could fill the host's logs.
    if (request.cookies[cookieName] !== undefined && request.portfolioSession.get('csrf') === undefined) {
      request.log.debug({ cookie: cookieName }, 'fastify-stock-portfolio: refused a session cookie (tampered, expired or sealed under another key); starting an empty session')
    }
    done()
  })
}, { name: 'fastify-stock-portfolio/session', fastify: '5.x' })
