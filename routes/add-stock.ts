import type { FastifyInstance, FastifyReply } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import { addStockBody } from '../src/schemas.js'
import { csrfCheck } from '../plugins/csrf.js'
import { kPaths } from '../src/urls.js'
import { saveWithMessage } from '../plugins/flash.js'
import { localeOf } from '../plugins/i18n.js'
import { renderPage } from '../plugins/views.js'
import { EMPTY_FORM, formFields, formValues, takesDecimalComma } from '../src/portfolio/add-stock-form.js'
import { type FormErrors, type FormValues, parseHolding } from '../src/portfolio/holding.js'
import { appendHolding, decodePortfolio } from '../src/portfolio/portfolio-codec.js'

interface FormPage {
  values?: FormValues
  errors?: FormErrors
  message?: string
}

function renderForm (reply: FastifyReply, status: number, { values = EMPTY_FORM, errors, message }: FormPage = {}): Promise<string> {
  const locale = localeOf(reply.request)
  return renderPage(reply.code(status), 'add-stock.hbs', {
    title: locale.t.addStock.title,
    nav: { addStock: true },
    message,
    fields: formFields(locale, values, errors),
    csrfToken: reply.portfolioCsrfToken()
  })
}

export default async function addStockRoutes (instance: FastifyInstance): Promise<void> {
  const fastify = instance.withTypeProvider<JsonSchemaToTsProvider>()
  fastify.get('/add_stock', async (_request, reply) => renderForm(reply, 200))

  const pluginErrorHandler = fastify.errorHandler
  fastify.post('/add_stock', {
    schema: { body: addStockBody },
    attachValidation: true,
    preValidation: csrfCheck(fastify),
    // A token gone stale (the session expired, or was cleared in another tab) is not the
    // visitor's mistake: the form comes back with what they typed and a token that works.
    errorHandler (error, request, reply) {
      if (error.code !== 'FST_PORTFOLIO_CSRF') return pluginErrorHandler.call(this, error, request, reply)
      return renderForm(reply, 403, { values: formValues(request.body), message: localeOf(request).t.addStock.expired })
    }
  }, async (request, reply) => {
    // With attachValidation a malformed body arrives as it was sent; formValues reads only strings.
    const values = formValues(request.body)
    request.log.debug({ form: values }, 'fastify-stock-portfolio: add_stock form received')

    const locale = localeOf(request)
    if (request.validationError !== undefined) {
      return renderForm(reply, 400, { values, message: locale.t.addStock.malformed })
    }

    const result = parseHolding(values, takesDecimalComma(locale))
    if (!result.ok) {
      return renderForm(reply, 400, { values, errors: result.errors, message: locale.t.addStock.fixValues })
    }

    const session = request.portfolioSession
    const stored = session.get('holdings') ?? ''
    const { holding } = result
    const holdings = appendHolding(stored, holding)
    const added = locale.say('flash.added', { shares: holding.shares, symbol: holding.symbol, price: locale.money(holding.price) })
    if (!saveWithMessage(fastify, session, { holdings }, added)) {
      return renderForm(reply, 409, { values, message: locale.say('addStock.full', { count: decodePortfolio(stored).length }) })
    }

    return reply.redirect(fastify[kPaths].stocks, 302)
  })
}
