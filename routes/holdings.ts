import type { FastifyInstance } from 'fastify'
import { decodePortfolio, encodeHolding, encodePortfolio } from '../src/portfolio-codec.js'
import { formatCount } from '../src/money.js'
import { describeHolding } from '../src/holding.js'

const csrf = { type: 'string', maxLength: 1000 } as const

// The list is one form whose Remove buttons each send `holding` = "<row index> <row as
// stored>": a row is named by its place and its content, so a page left open in another tab
// cannot remove a different holding than the one it showed.
const removeBody = {
  type: 'object',
  properties: { _csrf: csrf, holding: { type: 'string', pattern: '^\\d{1,4} [!-~][ -~]{0,63}$' } },
  required: ['holding'],
  additionalProperties: false
} as const

const clearBody = {
  type: 'object',
  properties: { _csrf: csrf },
  additionalProperties: false
} as const

export default async function holdingsRoutes (fastify: FastifyInstance): Promise<void> {
  const { stocks } = fastify.portfolioPaths

  fastify.post<{ Body: { holding: string } }>('/stocks/remove', {
    schema: { body: removeBody },
    preValidation: fastify.portfolioCsrfCheck
  }, async (request, reply) => {
    const session = request.portfolioSession
    const holdings = decodePortfolio(session.get('holdings'))
    const space = request.body.holding.indexOf(' ')
    const index = Number(request.body.holding.slice(0, space))
    const target = holdings[index]
    if (target === undefined || encodeHolding(target) !== request.body.holding.slice(space + 1)) {
      fastify.portfolioFlash(session, 'Nothing was removed: that row had already changed. Here is the portfolio as it is now.')
    } else {
      holdings.splice(index, 1)
      session.set('holdings', encodePortfolio(holdings))
      fastify.portfolioFlash(session, `Removed ${describeHolding(target)}.`)
    }
    return reply.redirect(stocks, 302)
  })

  fastify.post('/stocks/clear', {
    schema: { body: clearBody },
    preValidation: fastify.portfolioCsrfCheck
  }, async (request, reply) => {
    const session = request.portfolioSession
    const count = decodePortfolio(session.get('holdings')).length
    session.set('holdings', '')
    // Forms issued before the clear (another tab, a page someone kept) are refused from now on.
    fastify.portfolioCsrfRenew(request)
    fastify.portfolioFlash(session, `Cleared the portfolio: removed ${formatCount(count)} ${count === 1 ? 'holding' : 'holdings'}.`)
    return reply.redirect(stocks, 302)
  })
}
