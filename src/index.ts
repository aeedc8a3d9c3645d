import fp from 'fastify-plugin'
import type { FastifyPluginAsync } from 'fastify'
import { type ResolvedOptions, resolveOptions, type StockPortfolioOptions } from './options.js'
import { checkPrefix, claimCookie } from './mounts.js'
import { kPaths, sitePaths } from './urls.js'
import session from '../plugins/session.js'
import csrf from '../plugins/csrf.js'
import formBody from '../plugins/form-body.js'
import validation from '../plugins/validation.js'
import i18n from '../plugins/i18n.js'
import views from '../plugins/views.js'
import errors from '../plugins/errors.js'
import pageHeaders from '../plugins/page-headers.js'
import openapi from '../plugins/openapi.js'
import assetsRoutes from '../routes/assets.js'
import addStockRoutes from '../routes/add-stock.js'
import stocksRoutes from '../routes/stocks.js'
import holdingsRoutes from '../routes/holdings.js'
import importRoutes from '../routes/import.js'
import languageRoutes from '../routes/language.js'

export type { StockPortfolioOptions, OpenApiExposure } from './options.js'
export { generateKey } from './keys.js'

// The pages and everything that reads the session live in a context of their own, beside the
// stylesheet's: Fastify hands a context's hooks to all of its children, so this keeps the
// session's hooks off the stylesheet.
const pages: FastifyPluginAsync<ResolvedOptions> = async function (fastify, settings) {
  await fastify.register(pageHeaders)
  await fastify.register(session, settings)
  await fastify.register(csrf, settings)
  await fastify.register(formBody)
  await fastify.register(validation)
  await fastify.register(i18n, settings)
  await fastify.register(views, settings)
  await fastify.register(errors)
  await fastify.register(addStockRoutes)
  await fastify.register(stocksRoutes)
  await fastify.register(holdingsRoutes)
  await fastify.register(importRoutes)
  await fastify.register(languageRoutes)
}

const plugin: FastifyPluginAsync<StockPortfolioOptions> = async function (fastify, options) {
  checkPrefix(fastify.prefix, (options as { prefix?: unknown }).prefix)
  // Links and redirects are built from the prefix the plugin is mounted under, never from /.
  fastify.decorate(kPaths, sitePaths(fastify.prefix))
  const settings = resolveOptions(options, fastify[kPaths].cookiePath)
  claimCookie(fastify.server, settings.cookieName, settings.cookiePath)
  await fastify.register(openapi, settings)
  await fastify.register(assetsRoutes)
  await fastify.register(pages, settings)
}

/**
 * The stock-portfolio pages as one Fastify plugin. It stays encapsulated: its session, form
 * parser, views, validation and error handler apply to its own routes only.
 */
export const stockPortfolio = fp(plugin, { name: 'fastify-stock-portfolio', fastify: '5.x', encapsulate: true })
export default stockPortfolio
