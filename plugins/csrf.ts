import fp from 'fastify-plugin'
import { Tokens } from '@fastify/csrf'
import createError from '@fastify/error'
import type { FastifyInstance, FastifyRequest, preValidationHookHandler } from 'fastify'
import { hasCookieConflict } from './cookie-conflict.js'
import type { ResolvedOptions } from '../src/options.js'

// @fastify/csrf-protection keeps its secret in request.session, which inside a host app is the
// host's session. Here the secret lives in the plugin's own session, beside the portfolio, and
// @fastify/csrf (the library csrf-protection is built on) makes and checks the tokens.

const InvalidCsrfToken = createError(
  'FST_PORTFOLIO_CSRF',
  'This form has expired or did not come from this site. Load the page again and resend it.',
  403
)
const CrossSiteRequest = createError(
  'FST_PORTFOLIO_CROSS_SITE',
  'This form was sent from another site, so it was refused. Nothing was changed.',
  403
)
const CookieConflict = createError('FST_PORTFOLIO_COOKIE_CONFLICT', 'Your browser sent two portfolio cookies, so neither was used: another site on this domain may have set one. Nothing can be saved until this site\'s cookies are cleared in the browser. Nothing was changed.', 400)

declare module 'fastify' {
  interface FastifyReply {
    /** A CSRF token for a form on this page; makes the browser's secret on first use. */
    portfolioCsrfToken(): string
  }
  interface FastifyInstance {
    [kCsrf]: { check: preValidationHookHandler, sameOrigin: preValidationHookHandler, renew: (request: FastifyRequest) => void }
  }
}

const kCsrf: unique symbol = Symbol('fastify-stock-portfolio/csrf')

/**
 * preValidation for state-changing routes: same-origin, and the body's _csrf matching the session.
 * After the body is parsed and before the schema, so a forged request is a 403 whatever it holds.
 */
export function csrfCheck (fastify: FastifyInstance): preValidationHookHandler {
  return fastify[kCsrf].check
}

/**
 * preValidation for the language switch: same-origin only, no token. The switch is on every
 * page, the empty list's too, which writes no cookie and so has no secret to make a token
 * from; a forged switch could only change the language, and browsers mark a cross-site form
 * in Sec-Fetch-Site or Origin.
 */
export function sameOriginCheck (fastify: FastifyInstance): preValidationHookHandler {
  return fastify[kCsrf].sameOrigin
}

/** Replaces the browser's CSRF secret: every form issued before is refused. */
export function renewCsrfSecret (fastify: FastifyInstance, request: FastifyRequest): void {
  fastify[kCsrf].renew(request)
}

/**
 * A request the browser says came from another site. Sec-Fetch-Site is set by the browser and
 * cannot be forged by a page; "same-site" is refused too, since a sibling subdomain is exactly
 * who can plant cookies. Without it, Origin must be this request's scheme, host and port
 * (which follow X-Forwarded-Proto and -Host only when the host app trusts its proxy). Without
 * either (curl, old clients) the token alone decides.
 */
function isCrossSite (request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site']
  if (site !== undefined) return site !== 'same-origin' && site !== 'none'
  const origin = request.headers.origin
  if (origin === undefined) return false
  const own = `${request.protocol}://${request.host}`
  return !URL.canParse(origin) || !URL.canParse(own) || new URL(origin).origin !== new URL(own).origin
}

export default fp<Pick<ResolvedOptions, 'secure' | 'cookieName'>>(async function csrf (fastify, { secure, cookieName }) {
  const tokens = new Tokens({ userInfo: false })
  let toldOfPlainHttp = false

  fastify.decorateReply('portfolioCsrfToken', function () {
    const session = this.request.portfolioSession
    let secret = session.get('csrf')
    if (secret === undefined) {
      secret = tokens.secretSync()
      session.set('csrf', secret)
    }
    return tokens.create(secret)
  })

  /** Why a form is refused whatever its token, or undefined. */
  function siteRefusal (request: FastifyRequest): Error | undefined {
    if (hasCookieConflict(request)) return new CookieConflict()
    if (isCrossSite(request)) return new CrossSiteRequest()
    return undefined
  }
  /** Why a form is refused, or undefined when it is taken. */
  function refusal (request: FastifyRequest): Error | undefined {
    const refused = siteRefusal(request)
    if (refused !== undefined) return refused
    const secret = request.portfolioSession.get('csrf')
    const body = request.body
    const token = typeof body === 'object' && body !== null && '_csrf' in body ? body._csrf : undefined
    // Once: any client can post over plain HTTP, and each at warn would fill the host's logs.
    if (!toldOfPlainHttp && secret === undefined && secure && request.protocol === 'http' && request.cookies[cookieName] === undefined) {
      toldOfPlainHttp = true
      request.log.warn('fastify-stock-portfolio: a form arrived without the session cookie over plain HTTP while the cookie is Secure: browsers send a Secure cookie over HTTPS only, so every form will be refused. Serve the pages over HTTPS, or set secure: false for local development (behind a TLS proxy, set trustProxy)')
    }
    if (secret === undefined || typeof token !== 'string' || !tokens.verify(secret, token)) return new InvalidCsrfToken()
    return undefined
  }
  const check: preValidationHookHandler = function (request, _reply, done) {
    done(refusal(request))
  }
  const sameOrigin: preValidationHookHandler = function (request, _reply, done) {
    done(siteRefusal(request))
  }
  const renew = (request: FastifyRequest): void => { request.portfolioSession.set('csrf', tokens.secretSync()) }
  fastify.decorate(kCsrf, { check, sameOrigin, renew })
}, { name: 'fastify-stock-portfolio/csrf', fastify: '5.x', dependencies: ['fastify-stock-portfolio/session'], decorators: { request: ['portfolioSession'] } })
