import type { FastifyInstance, FastifyReply } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import { importBody } from '../src/schemas.js'
import { csrfCheck } from '../plugins/csrf.js'
import { fitsChanged } from '../plugins/cookie-size.js'
import { saveWithMessage } from '../plugins/flash.js'
import { localeOf } from '../plugins/i18n.js'
import { kPaths } from '../src/urls.js'
import { renderPage } from '../plugins/views.js'
import csvUpload, { UPLOAD_LIMIT } from '../plugins/csv-upload.js'
import { csvProblemMessages, type CsvProblems, readPortfolioCsv } from '../src/portfolio/portfolio-csv.js'
import { decodePortfolio, encodePortfolio } from '../src/portfolio/portfolio-codec.js'
import type { Holding } from '../src/portfolio/holding.js'

type Mode = 'append' | 'replace'

interface ImportPage { mode?: Mode, message?: string, problems?: CsvProblems }

function renderImport (reply: FastifyReply, status: number, { mode = 'append', message, problems }: ImportPage = {}): Promise<string> {
  const locale = localeOf(reply.request)
  const unnamed = problems === undefined ? 0 : problems.problems - problems.errors.length
  return renderPage(reply.code(status), 'import.hbs', {
    title: locale.t.importCsv.title,
    nav: { importCsv: true },
    message,
    errors: problems === undefined ? undefined : csvProblemMessages(problems, locale),
    moreErrors: unnamed > 0 ? locale.say('importCsv.moreProblems', { count: unnamed }) : undefined,
    replace: mode === 'replace',
    fileHint: locale.say('importCsv.fileHint', { limit: locale.count(UPLOAD_LIMIT / 1024) }),
    csrfToken: reply.portfolioCsrfToken()
  })
}

// Adds the purchases of a CSV file (the export's, or any with symbol, shares and price
// columns) to the portfolio, or replaces it with them: all or nothing.
export default async function importRoutes (instance: FastifyInstance): Promise<void> {
  const fastify = instance.withTypeProvider<JsonSchemaToTsProvider>()
  // The import takes multipart/form-data only: anything else, urlencoded too, is a 415.
  fastify.removeAllContentTypeParsers()
  await fastify.register(csvUpload, { fields: ['_csrf', 'mode'], file: 'file' })

  fastify.get('/stocks/import', async (_request, reply) => renderImport(reply, 200))

  fastify.post('/stocks/import', { schema: { body: importBody }, preValidation: csrfCheck(fastify) }, async (request, reply) => {
    const mode: Mode = request.body.mode === 'replace' ? 'replace' : 'append'
    const file = request.body.file
    const { t, say } = localeOf(request)
    if (!Buffer.isBuffer(file) || file.length === 0) {
      return renderImport(reply, 400, { mode, message: t.importCsv.noFile })
    }
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file)
    } catch {
      return renderImport(reply, 400, { mode, message: t.importCsv.notUtf8 })
    }
    const result = await readPortfolioCsv(text)
    if (!result.ok) {
      return renderImport(reply, 400, { mode, message: say('importCsv.problems', { count: result.problems }), problems: result })
    }

    const session = request.portfolioSession
    const kept = mode === 'append' ? decodePortfolio(session.get('holdings')) : []
    const count = result.holdings.length
    const flash = say(mode === 'replace' ? 'flash.replaced' : 'flash.imported', { count })
    const holdings = encodePortfolio([...kept, ...result.holdings])
    if (!saveWithMessage(fastify, session, { holdings }, flash)) {
      const fits = (count: number): boolean => fitsChanged(fastify, session, { holdings: encodePortfolio([...kept, ...result.holdings.slice(0, count)]), flash: undefined })
      const room = largestFitting(result.holdings, fits)
      const message = mode === 'append'
        ? say('importCsv.tooManyToAdd', { count, room, kept: kept.length })
        : say('importCsv.tooManyToReplace', { count, room })
      return renderImport(reply, 409, { mode, message })
    }
    return reply.redirect(fastify[kPaths].stocks, 302)
  })
}

/** The most leading purchases of the file that fit, by bisection (fits(0) may be false too). */
function largestFitting (holdings: readonly Holding[], fits: (count: number) => boolean): number {
  let low = 0
  let high = holdings.length
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (fits(middle)) low = middle
    else high = middle - 1
  }
  return low
}
