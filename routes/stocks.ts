import Negotiator from 'negotiator'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import { decodePortfolio } from '../src/portfolio/portfolio-codec.js'
import { portfolioJson, portfolioList, readListQuery } from '../src/portfolio/portfolio-view.js'
import { portfolioCsv } from '../src/portfolio/portfolio-csv.js'
import { listQuery, portfolioJsonSchema } from '../src/schemas.js'
import { takeMessage } from '../plugins/flash.js'
import { localeOf } from '../plugins/i18n.js'
import { kPaths, withoutTrailingSlashes } from '../src/urls.js'
import { varyOn } from '../src/vary.js'
import { renderPage } from '../plugins/views.js'

/**
 * Whether the client prefers the JSON answer to the page. Only an Accept that names JSON or
 * all of application/* can, so a browser's navigation header is not negotiated at all.
 */
function wantsJson (request: FastifyRequest): boolean {
  const accept = request.headers.accept
  return accept !== undefined && /json|application\/\*/i.test(accept) && new Negotiator(request.raw).mediaType(['text/html', 'application/json']) === 'application/json'
}

export default async function stocksRoutes (instance: FastifyInstance): Promise<void> {
  const fastify = instance.withTypeProvider<JsonSchemaToTsProvider>()
  const { stocks } = fastify[kPaths]
  // The prefix as registered: `kPaths` holds it as browsers send it, percent-encoded.
  const prefix = withoutTrailingSlashes(fastify.prefix)

  fastify.get('/stocks/', {
    schema: {
      querystring: listQuery,
      response: { 200: { content: { 'text/html': { schema: { type: 'string' } }, 'application/json': { schema: portfolioJsonSchema } } } }
    }
  }, async (request, reply) => {
    const session = request.portfolioSession
    const holdings = decodePortfolio(session.get('holdings'))
    const query = readListQuery(request.query)
    varyOn(reply, 'Accept')
    // A host app reads the portfolio as JSON, a page at a time as the page shows it; browsers,
    // and any other Accept, get the page.
    if (wantsJson(request)) {
      reply.type('application/json')
      return portfolioJson(holdings, query)
    }
    const flash = takeMessage(request)
    const locale = localeOf(request)
    const list = portfolioList(holdings, stocks, query, locale)
    return renderPage(reply, 'stocks.hbs', {
      title: locale.t.list.title,
      nav: { stocks: true },
      flash,
      list,
      // Only a list with rows has forms; an empty one leaves the session unwritten.
      csrfToken: list.count > 0 ? reply.portfolioCsrfToken() : undefined
    })
  })

  // The portfolio to keep or to move to another browser (see POST /stocks/import).
  fastify.get('/stocks/portfolio.csv', async (request, reply) => {
    const holdings = decodePortfolio(request.portfolioSession.get('holdings'))
    const day = new Date().toISOString().slice(0, 10)
    return reply
      .type('text/csv; charset=utf-8; header=present')
      .header('content-disposition', `attachment; filename="portfolio-${day}.csv"`)
      .send(portfolioCsv(holdings))
  })

  // As in Flask, the address without its trailing slash redirects to the list; unless the host
  // ignores trailing slashes, in which case /stocks/ already answers it.
  if (!fastify.hasRoute({ method: 'GET', url: `${prefix}/stocks` })) {
    fastify.get('/stocks', async (_request, reply) => reply.redirect(stocks, 308))
  }
  // Under a prefix, the prefix itself leads to the list, so a host's link to it lands somewhere.
  // At the root, / stays the host's.
  if (prefix !== '' && !fastify.hasRoute({ method: 'GET', url: `${prefix}/` })) {
    // A prefix spelt with its trailing slash would also get "<prefix>//" from Fastify's 'both'.
    const prefixTrailingSlash = fastify.prefix.endsWith('/') ? 'no-slash' : 'both'
    fastify.get('/', { prefixTrailingSlash }, async (_request, reply) => reply.redirect(stocks, 302))
  }
}
