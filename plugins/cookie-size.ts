import fp from 'fastify-plugin'
import type { Session } from '@fastify/secure-session'
import type { FastifyInstance } from 'fastify'
import type { PortfolioSessionData } from './session.js'

// Browsers silently drop a cookie whose name=value passes 4096 bytes, so a change that would
// not fit is refused instead of lost. The length is computed from @fastify/secure-session's
// format, base64(JSON + 16-byte MAC) "%3B" base64(24-byte nonce), rather than by sealing twice;
// test/cookie-size.test.ts holds it to the real cookie.

export const COOKIE_LIMIT_BYTES = 4096

const MAC_BYTES = 16
const NONCE_BYTES = 24
/** The ";" between ciphertext and nonce, as plugins/session.ts writes it. */
const SEPARATOR = '%3B'
/** secure-session's own field: a Unix time in seconds, ten digits until the year 2286. */
const TIMESTAMP = 1_000_000_000

const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4

/** Length of `name=value` for a session holding `data`, as the browser will store it. */
export function sealedCookieLength (cookieName: string, data: Readonly<Partial<PortfolioSessionData>>): number {
  // Every field counts (the holdings, the CSRF secret, the message, the language chosen).
  const json = Buffer.byteLength(JSON.stringify({ __ts: TIMESTAMP, ...data }))
  return cookieName.length + 1 + base64Length(json + MAC_BYTES) + SEPARATOR.length + base64Length(NONCE_BYTES)
}

const kSessionFits: unique symbol = Symbol('fastify-stock-portfolio/session fits')

declare module 'fastify' {
  interface FastifyInstance {
    [kSessionFits]: (data: Partial<PortfolioSessionData>) => boolean
  }
}

/**
 * Whether the session with `changes` made to it (a key set to undefined: removed) still fits in
 * one browser cookie, asked before changing it.
 */
export function fitsChanged (fastify: FastifyInstance, session: Session<PortfolioSessionData>, changes: Partial<PortfolioSessionData>): boolean {
  return fastify[kSessionFits]({ ...session.data(), ...changes })
}

export default fp<{ cookieName: string }>(async function cookieSize (fastify, { cookieName }) {
  fastify.decorate(kSessionFits, (data: Partial<PortfolioSessionData>) => sealedCookieLength(cookieName, data) <= COOKIE_LIMIT_BYTES)
}, { name: 'fastify-stock-portfolio/cookie-size', fastify: '5.x' })
