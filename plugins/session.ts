import { hkdfSync } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyRequest, onSendHookHandler } from 'fastify'
import cookie from '@fastify/cookie'
import secureSession, { type Session } from '@fastify/secure-session'
import type { ResolvedOptions } from '../src/options.js'
import cookieConflict from './cookie-conflict.js'
import cookiePathCheck from './cookie-path.js'
import cookieSize from './cookie-size.js'

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

/**
 * A host's @fastify/cookie registered with `hook: false` (11.1.5) writes no cookie set in a later
 * onSend hook, as the session's is, so every form is refused for want of it. Nothing tells that
 * host at start-up; the first page that loses its cookie does, once, at error.
 */
function reportDroppedCookie (cookieName: string): onSendHookHandler {
  let reported = false
  return (request, reply, payload, done) => {
    // A request a host's onRequest hook answered before the session's hook ran has none.
    const session = request.portfolioSession as FastifyRequest['portfolioSession'] | null
    if (!reported && session?.changed === true && ![reply.getHeader('set-cookie') ?? []].flat().some((value) => String(value).startsWith(`${cookieName}=`))) {
      reported = true
      request.log.error({ cookie: cookieName }, 'fastify-stock-portfolio: the session cookie was set but the host\'s @fastify/cookie did not write it, so every form will be refused; it does not write cookies set in onSend hooks when registered with hook: false. Register @fastify/cookie with its default hook (onRequest) or another hook')
    }
    done(null, payload)
  }
}

export type SessionPluginOptions = Pick<ResolvedOptions, 'keys' | 'cookieName' | 'cookiePath' | 'expiry' | 'secure'>

export default fp<SessionPluginOptions>(async function session (fastify, { keys, cookieName, cookiePath, expiry, secure }) {
  // A host's @fastify/cookie, registered with fastify-plugin, is the one to use (a second would
  // clash on its decorators). It parses in the hook its `hook` option names, or never (false);
  // the session opens in onRequest, so whatever it has not parsed by then is parsed here.
  const hostCookie = fastify.hasPlugin('@fastify/cookie')
  if (!hostCookie) {
    await fastify.register(cookie)
  } else {
    fastify.addHook('onRequest', (request, _reply, done) => {
      request.cookies ??= fastify.parseCookie(request.headers.cookie ?? '')
      done()
    })
  }
  await fastify.register(cookiePathCheck, { cookiePath })
  await fastify.register(cookieConflict, { cookieName })
  await fastify.register(secureSession, {
    sessionName: 'portfolioSession',
    cookieName,
    key: keys.map((key) => purposeKey(key, cookieName, cookiePath)),
    expiry,
    // Every attribute is named: a host's @fastify/cookie merges its parseOptions (signed,
    // domain, partitioned…) into every cookie set, this one included.
    cookie: { path: cookiePath, httpOnly: true, sameSite: 'lax', secure, maxAge: expiry, encode: encodeCookieValue, signed: false, domain: undefined, partitioned: false, priority: undefined, expires: undefined }
  })
  await fastify.register(cookieSize, { cookieName })
  if (hostCookie) fastify.addHook('onSend', reportDroppedCookie(cookieName))

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
