import type { FastifyInstance } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import { clearBody, removeBody } from '../src/schemas.js'
import { kPaths } from '../src/urls.js'
import { saveWithMessage } from '../plugins/flash.js'
import { csrfCheck, renewCsrfSecret } from '../plugins/csrf.js'
import { decodePortfolio, encodeHolding, encodePortfolio } from '../src/portfolio/portfolio-codec.js'
import { localeOf } from '../plugins/i18n.js'

export default async function holdingsRoutes (instance: FastifyInstance): Promise<void> {
  const fastify = instance.withTypeProvider<JsonSchemaToTsProvider>()
  const { stocks } = fastify[kPaths]

  fastify.post('/stocks/remove', {
    schema: { body: removeBody },
    preValidation: csrfCheck(fastify)
  }, async (request, reply) => {
    const session = request.portfolioSession
    const locale = localeOf(request)
    const holdings = decodePortfolio(session.get('holdings'))
    const space = request.body.holding.indexOf(' ')
    const index = Number(request.body.holding.slice(0, space))
    const target = holdings[index]
    if (target === undefined || encodeHolding(target) !== request.body.holding.slice(space + 1)) {
      saveWithMessage(fastify, session, {}, locale.t.flash.stale)
    } else {
      holdings.splice(index, 1)
      const removed = locale.say('flash.removed', { shares: target.shares, symbol: target.symbol, price: locale.money(target.price) })
      saveWithMessage(fastify, session, { holdings: encodePortfolio(holdings) }, removed)
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
    saveWithMessage(fastify, session, { holdings: '' }, localeOf(request).say('flash.cleared', { count }))
    return reply.redirect(stocks, 302)
  })
}
