import type { Session } from '@fastify/secure-session'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { fitsChanged } from './cookie-size.js'
import type { PortfolioSessionData } from './session.js'

// One-time messages, kept in the plugin's own session: @fastify/flash would use the host's.
// Helpers for the routes, over the session and the cookie-size check: nothing to register.

/**
 * Applies `changes` and leaves `message` for the next page, in place of any unread; false, with
 * nothing changed, when the change does not fit in the cookie (the message alone is dropped).
 */
export function saveWithMessage (fastify: FastifyInstance, session: Session<PortfolioSessionData>, changes: Pick<Partial<PortfolioSessionData>, 'holdings'>, message: string): boolean {
  const holdings = changes.holdings ?? session.get('holdings')
  const room = fitsChanged(fastify, session, { holdings, flash: message })
  if (!room && !fitsChanged(fastify, session, { holdings, flash: undefined })) return false
  if (changes.holdings !== undefined) session.set('holdings', changes.holdings)
  session.set('flash', room ? message : undefined)
  return true
}

/**
 * The message left for this page, taken off the session so it shows once. Fastify answers HEAD
 * with the GET handler but sends no page, so a HEAD leaves the message for the GET.
 */
export function takeMessage (request: FastifyRequest): string | undefined {
  const session = request.portfolioSession
  const message = session.get('flash')
  if (message !== undefined && request.method !== 'HEAD') session.set('flash', undefined)
  return message
}
