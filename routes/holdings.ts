import type { FastifyInstance } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import { clearBody, removeBody } from '../src/schemas.js'
import { kPaths } from '../src/urls.js'
import { saveWithMessage } from '../plugins/flash.js'
import { csrfCheck, renewCsrfSecret } from '../plugins/csrf.js'
import { decodePortfolio, encodeHolding, encodePortfolio } from '../src/portfolio/portfolio-codec.js'
import { countOf } from '../src/portfolio/money.js'
import { describeHolding } from '../src/portfolio/holding.js'

export default async function holdingsRoutes (instance: FastifyInstance): Promise<void> {
  const fastify = instance.withTypeProvider<JsonSchemaToTsProvider>()
  const { stocks } = fastify[kPaths]

  fastify.post('/stocks/remove', {
    schema: { body: removeBody },
    preValidation: csrfCheck(fastify)
  }, async (request, reply) => {
    const session = request.portfolioSession
    const holdings = decodePortfolio(session.get('holdings'))
    const space = request.body.holding.indexOf(' ')
    const index = Number(request.body.holding.slice(0, space))
    const target = holdings[index]
    if (target === undefined || encodeHolding(target) !== request.body.holding.slice(space + 1)) {
      saveWithMessage(fastify, session, {}, 'Nothing was removed: that row had already changed. Here is the portfolio as it is now.')
    } else {
      holdings.splice(index, 1)
      saveWithMessage(fastify, session, { holdings: encodePortfolio(holdings) }, `Removed ${describeHolding(target)}.`)
    }
    return reply.redirect(stocks, 302)
  })

  fastify.post('/stocks/clear', {
    schema: { body: clearBody },
    preValidation: csrfCheck(fastify)
  }, async (request, reply) => {
    const session = request.portfolioSession
    const count = decodePortfolio(session.get('holdings')).length
    // Forms issued before the clear (another tab, a page someone kept) are refused from now on.
    renewCsrfSecret(fastify, request)
    saveWithMessage(fastify, session, { holdings: '' }, `Cleared the portfolio: removed ${countOf(count, 'holding')}.`)
    return reply.redirect(stocks, 302)
  })
}
