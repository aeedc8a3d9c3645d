import fp from 'fastify-plugin'
import type { FastifyPluginAsync } from 'fastify'
import { resolveOptions, type StockPortfolioOptions } from './options.js'
import sitePaths from '../plugins/site-paths.js'
import session from '../plugins/session.js'
import csrf from '../plugins/csrf.js'
import formBody from '../plugins/form-body.js'
import validation from '../plugins/validation.js'
import views from '../plugins/views.js'
import errors from '../plugins/errors.js'
import addStockRoutes from '../routes/add-stock.js'
import stocksRoutes from '../routes/stocks.js'

export type { StockPortfolioOptions } from './options.js'
export { generateKey } from './keys.js'

const plugin: FastifyPluginAsync<StockPortfolioOptions> = async function (fastify, options) {
  const settings = resolveOptions(options)
  await fastify.register(sitePaths)
  await fastify.register(session, settings)
  await fastify.register(csrf)
  await fastify.register(formBody)
  await fastify.register(validation)
  await fastify.register(views)
  await fastify.register(errors)
  await fastify.register(addStockRoutes)
  await fastify.register(stocksRoutes)
}

/**
 * The stock-portfolio pages as one Fastify plugin. It stays encapsulated: its session, form
 * parser, views, validation and error handler apply to its own routes only.
 */
export const stockPortfolio = fp(plugin, { name: 'fastify-stock-portfolio', fastify: '5.x', encapsulate: true })
export default stockPortfolio
