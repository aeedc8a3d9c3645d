import type { FastifyInstance, FastifyReply } from 'fastify'
import { COOKIE_CONFLICT_NOTICE, hasCookieConflict } from '../plugins/session.js'
import { EMPTY_FORM, formFields, formValues } from '../src/add-stock-form.js'
import { describeHolding, type FormErrors, type FormValues, parseHolding } from '../src/holding.js'
import { appendHolding, decodePortfolio } from '../src/portfolio-codec.js'

const field = { type: 'string', maxLength: 1000 } as const

// The shape of the form: its four fields and nothing else, each at most once (a repeated
// field arrives as an array). What the values mean is checked by parseHolding, which can
// say it in words beside each field.
const body = {
  type: 'object',
  properties: { stock_symbol: field, number_of_shares: field, purchase_price: field, _csrf: field },
  additionalProperties: false
} as const

interface FormPage {
  values?: FormValues
  errors?: FormErrors
  message?: string
}

function renderForm (reply: FastifyReply, status: number, { values = EMPTY_FORM, errors, message }: FormPage = {}): Promise<string> {
  return reply.code(status).portfolioViewAsync('add-stock.hbs', {
    title: 'Add a Stock',
    nav: { addStock: true },
    message,
    notice: hasCookieConflict(reply.request) ? COOKIE_CONFLICT_NOTICE : undefined,
    fields: formFields(values, errors),
    csrfToken: reply.portfolioCsrfToken()
  })
}

export default async function addStockRoutes (fastify: FastifyInstance): Promise<void> {
  fastify.get('/add_stock', async (_request, reply) => renderForm(reply, 200))

  fastify.post('/add_stock', {
    schema: { body },
    attachValidation: true,
    preValidation: fastify.portfolioCsrfCheck
  }, async (request, reply) => {
    const values = formValues(request.body as Record<string, unknown>)
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
    const flash = `Added ${describeHolding(holding)}.`
    if (!fastify.portfolioSessionFits({ ...session.data(), holdings, flash })) {
      const count = decodePortfolio(stored).length
      return renderForm(reply, 409, {
        values,
        message: `Your portfolio is full: ${count} holdings are the most one browser cookie can carry. Remove a holding to add another.`
      })
    }

    session.set('holdings', holdings)
    session.set('flash', flash)
    return reply.redirect(fastify.portfolioPaths.stocks, 302)
  })
}
