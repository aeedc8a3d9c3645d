import type { FastifyInstance, FastifyReply } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import { addStockBody } from '../src/schemas.js'
import { csrfCheck } from '../plugins/csrf.js'
import { kPaths } from '../src/urls.js'
import { sessionNotice } from '../plugins/cookie-conflict.js'
import { saveWithMessage } from '../plugins/flash.js'
import { renderPage } from '../plugins/views.js'
import { EMPTY_FORM, formFields, formValues } from '../src/portfolio/add-stock-form.js'
import { describeHolding, type FormErrors, type FormValues, parseHolding } from '../src/portfolio/holding.js'
import { appendHolding, decodePortfolio } from '../src/portfolio/portfolio-codec.js'

interface FormPage {
  values?: FormValues
  errors?: FormErrors
  message?: string
}

function renderForm (reply: FastifyReply, status: number, { values = EMPTY_FORM, errors, message }: FormPage = {}): Promise<string> {
  return renderPage(reply.code(status), 'add-stock.hbs', {
    title: 'Add a Stock',
    nav: { addStock: true },
    message,
    notice: sessionNotice(reply.request),
    fields: formFields(values, errors),
    csrfToken: reply.portfolioCsrfToken()
  })
}

export default async function addStockRoutes (instance: FastifyInstance): Promise<void> {
  const fastify = instance.withTypeProvider<JsonSchemaToTsProvider>()
  fastify.get('/add_stock', async (_request, reply) => renderForm(reply, 200))

  fastify.post('/add_stock', {
    schema: { body: addStockBody },
    attachValidation: true,
    preValidation: csrfCheck(fastify)
  }, async (request, reply) => {
    // With attachValidation a malformed body arrives as it was sent; formValues reads only strings.
    const values = formValues(request.body)
    request.log.debug({ form: values }, 'fastify-stock-portfolio: add_stock form received')

    if (request.validationError !== undefined) {
      return renderForm(reply, 400, {
        values,
        message: 'The form arrived with fields it does not have, or with a field twice. Check the values and send it again.'
      })
    }

    const result = parseHolding(values)
    if (!result.ok) {
      return renderForm(reply, 400, { values, errors: result.errors, message: 'Some values need fixing; nothing was saved.' })
    }

    const session = request.portfolioSession
    const stored = session.get('holdings') ?? ''
    const { holding } = result
    const holdings = appendHolding(stored, holding)
    if (!saveWithMessage(fastify, session, { holdings }, `Added ${describeHolding(holding)}.`)) {
      const count = decodePortfolio(stored).length
      return renderForm(reply, 409, {
        values,
        message: `Your portfolio is full: ${count} holdings are the most one browser cookie can carry. Remove a holding to add another.`
      })
    }

    return reply.redirect(fastify[kPaths].stocks, 302)
  })
}
