import { hkdfSync } from 'node:crypto'
import fp from 'fastify-plugin'
import cookie, { type FastifyCookieOptions } from '@fastify/cookie'
import secureSession, { type Session } from '@fastify/secure-session'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ResolvedOptions } from '../src/options.js'

// Browsers drop a cookie whose name=value passes 4096 bytes, and they do it silently, so the
// portfolio refuses a change that would not fit instead of losing it. The length is computed,
// not measured: encrypting twice per change would cost as much as the request itself.
// It mirrors @fastify/secure-session's format, base64(JSON + 16-byte MAC) ";" base64(24-byte
// nonce), with the ";" written as %3B; test/cookie-size.test.ts holds it to the real cookie.

export const COOKIE_LIMIT_BYTES = 4096

const MAC_BYTES = 16
const NONCE_CHARS = 32
const SEPARATOR_CHARS = 3

function base64Length (bytes: number): number {
  return Math.ceil(bytes / 3) * 4
}

// secure-session adds __ts, a Unix time in seconds: ten digits until the year 2286.
const TIMESTAMP_FIELD = '"__ts":1000000000'

/** Printable ASCII but `"` and `\`: characters JSON writes as they are, one byte each. */
const PLAIN_JSON_STRING = /^[ !#-[\]-~]*$/

/** Bytes of JSON.stringify(value), counted without writing it for the usual plain string. */
function jsonBytes (value: unknown): number {
  return typeof value === 'string' && PLAIN_JSON_STRING.test(value) ? value.length + 2 : Buffer.byteLength(JSON.stringify(value))
}

/**
 * Length of `name=value` for a session holding `data`, as the browser will store it. The JSON
 * is counted field by field, {"key":value,…,"__ts":…}, with no object built or copied.
 */
export function sealedCookieLength (cookieName: string, data: Readonly<Record<string, unknown>>): number {
  let json = 2 + TIMESTAMP_FIELD.length
  for (const key in data) {
    const value = data[key]
    // JSON.stringify leaves out undefined fields.
    if (value !== undefined) json += jsonBytes(key) + 1 + jsonBytes(value) + 1
  }
  return cookieName.length + 1 + base64Length(json + MAC_BYTES) + SEPARATOR_CHARS + NONCE_CHARS
}

/** Keeps base64's + / = as they are (all legal in a cookie) and escapes only the ";". */
export function encodeCookieValue (value: string): string {
  return value.replace(';', '%3B')
}

/**
 * What @fastify/cookie's default decoding returns, without URL-decoding a whole sealed
 * session for its one "%3B" (7 µs for a full cookie): any other value is decoded as usual.
 */
export function decodeCookieValue (value: string): string {
  const escape = value.indexOf('%')
  if (escape === -1) return value
  if (value.startsWith('%3B', escape) && value.indexOf('%', escape + 3) === -1) {
    return value.slice(0, escape) + ';' + value.slice(escape + 3)
  }
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

// @fastify/cookie documents parseOptions as the cookie package's parse options, decode among
// them, and passes them on as such, but its types call them serialize options.
const COOKIE_PARSING = { decode: decodeCookieValue } as FastifyCookieOptions['parseOptions']

/** What the plugin's own encrypted cookie holds. */
export interface PortfolioSessionData {
  /** The holdings, encoded by src/portfolio/portfolio-codec.ts. */
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
    [kSessionFits]: (data: Partial<PortfolioSessionData>) => boolean
  }
}

/** Whether a session holding some data still fits in one browser cookie: the plugin's own. */
const kSessionFits: unique symbol = Symbol('fastify-stock-portfolio/session fits')

/**
 * Whether the session, saved with `holdings` and `message` (none: no message) in place of its
 * own, still fits in one browser cookie. An unread message is replaced on save, so it is not
 * counted. The fields are named one by one: session.data() copies into an object V8 keeps as a
 * dictionary (it deletes __ts), and copying that again cost more than the rest of a POST.
 */
export function fitsWith (fastify: FastifyInstance, session: Session<PortfolioSessionData>, holdings: string | undefined, message?: string): boolean {
  return fastify[kSessionFits]({ holdings, csrf: session.get('csrf'), flash: message })
}

/**
 * Applies `changes` to the session and leaves `message` for the next page, which shows it once
 * (see takeMessage), in place of any message still unread. A full cookie may have no room for
 * the message: the change matters, the message not, so it is dropped. Returns false, changing
 * nothing, when the changes alone do not fit.
 */
export function saveWithMessage (fastify: FastifyInstance, session: Session<PortfolioSessionData>, changes: Pick<Partial<PortfolioSessionData>, 'holdings'>, message: string): boolean {
  const holdings = changes.holdings ?? session.get('holdings')
  const room = fitsWith(fastify, session, holdings, message)
  if (!room && !fitsWith(fastify, session, holdings)) return false
  if (changes.holdings !== undefined) session.set('holdings', changes.holdings)
  session.set('flash', room ? message : undefined)
  return true
}

/** The message left for this page, taken off the session so it shows once. */
export function takeMessage (session: Session<PortfolioSessionData>): string | undefined {
  const message = session.get('flash')
  if (message !== undefined) session.set('flash', undefined)
  return message
}

export type SessionPluginOptions = Pick<ResolvedOptions, 'keys' | 'cookieName' | 'cookiePath' | 'expiry' | 'secure'>

/** Requests that carried the session cookie more than once: served from neither, never re-sealed. */
const conflicted = new WeakSet<FastifyRequest>()

export const COOKIE_CONFLICT_NOTICE = 'Your browser sent two portfolio cookies, so neither was used: another site on this domain may have set one. Nothing can be saved until this site\'s cookies are cleared in the browser.'

/** Whether this request carried two cookies of the session's name (see the onRequest hook). */
export function hasCookieConflict (request: FastifyRequest): boolean {
  return conflicted.has(request)
}

/** What a page says of the session before anything else: why it shows no portfolio, if so. */
export function sessionNotice (request: FastifyRequest): string | undefined {
  return conflicted.has(request) ? COOKIE_CONFLICT_NOTICE : undefined
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

/**
 * A session secure-session never writes: it writes one whose `changed` is true, and a planted
 * session re-sealed would overwrite the browser's real one.
 */
function neverSealed (session: Session<PortfolioSessionData>): Session<PortfolioSessionData> {
  Object.defineProperty(session, 'changed', { get: () => false, set: () => {} })
  return session
}

/**
 * Each registration seals with keys derived for its own cookie name and path, so a cookie
 * copied from another mount of the plugin, or from another cookie sealed with the same key,
 * does not open here.
 */
function purposeKey (key: Buffer, cookieName: string, path: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, '', `fastify-stock-portfolio session ${cookieName} ${path}`, 32))
}

export default fp<SessionPluginOptions>(async function session (fastify, { keys, cookieName, cookiePath, expiry, secure }) {
  // A host's @fastify/cookie, registered with fastify-plugin, parses the cookies already, and
  // secure-session reads them from it; otherwise the plugin's own parses them.
  if (!fastify.hasPlugin('@fastify/cookie')) await fastify.register(cookie, { parseOptions: COOKIE_PARSING })
  await fastify.register(secureSession, {
    sessionName: 'portfolioSession',
    cookieName,
    key: keys.map((key) => purposeKey(key, cookieName, cookiePath)),
    expiry,
    // Every attribute is named: a host's @fastify/cookie merges its parseOptions (signed,
    // domain, partitioned…) into every cookie set, this one included.
    cookie: { path: cookiePath, httpOnly: true, sameSite: 'lax', secure, maxAge: expiry, encode: encodeCookieValue, signed: false, domain: undefined, partitioned: false, priority: undefined, expires: undefined }
  })

  fastify.decorate(kSessionFits, (data: Partial<PortfolioSessionData>) => sealedCookieLength(cookieName, data) <= COOKIE_LIMIT_BYTES)

  fastify.addHook('onRequest', (request, _reply, done) => {
    // Two cookies of one name: one may have been planted by a sibling subdomain with a longer
    // Path (which browsers send first). Neither is trusted.
    if (repeatsCookie(request.headers.cookie, cookieName)) {
      conflicted.add(request)
      request.portfolioSession = neverSealed(fastify.createSecureSession({}) as Session<PortfolioSessionData>)
      request.log.warn({ cookie: cookieName }, 'fastify-stock-portfolio: the request carried the session cookie more than once; using neither')
    } else if (request.cookies[cookieName] !== undefined && request.portfolioSession.get('csrf') === undefined) {
      // Every session this plugin writes holds a CSRF secret, so a cookie that arrived but gave
      // none was refused: tampered, truncated, expired or sealed under another key.
      request.log.warn({ cookie: cookieName }, 'fastify-stock-portfolio: refused a session cookie (tampered, expired or sealed under another key); starting an empty session')
    }
    done()
  })
}, { name: 'fastify-stock-portfolio/session', fastify: '5.x' })
