import type { FastifyInstance, FastifyReply } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import { importBody } from '../src/schemas.js'
import { csrfCheck } from '../plugins/csrf.js'
import { fitsWith } from '../plugins/cookie-size.js'
import { sessionNotice } from '../plugins/cookie-conflict.js'
import { saveWithMessage } from '../plugins/flash.js'
import { kPaths } from '../src/urls.js'
import { renderPage } from '../plugins/views.js'
import csvUpload, { UPLOAD_LIMIT } from '../plugins/csv-upload.js'
import { type CsvProblems, readPortfolioCsv } from '../src/portfolio/portfolio-csv.js'
import { decodePortfolio, encodePortfolio } from '../src/portfolio/portfolio-codec.js'
import { countOf, formatCount } from '../src/portfolio/money.js'
import type { Holding } from '../src/portfolio/holding.js'

type Mode = 'append' | 'replace'

interface ImportPage { mode?: Mode, message?: string, problems?: CsvProblems }

function renderImport (reply: FastifyReply, status: number, { mode = 'append', message, problems }: ImportPage = {}): Promise<string> {
  const unnamed = problems === undefined ? 0 : problems.problems - problems.errors.length
  return renderPage(reply.code(status), 'import.hbs', {
    title: 'Import a Portfolio',
    nav: { importCsv: true },
    message,
    notice: sessionNotice(reply.request),
    errors: problems?.errors,
    moreErrors: unnamed > 0 ? `and ${countOf(unnamed, 'more problem')}` : undefined,
    replace: mode === 'replace',
    limit: `${UPLOAD_LIMIT / 1024} KiB`,
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
    if (!Buffer.isBuffer(file) || file.length === 0) {
      return renderImport(reply, 400, { mode, message: 'Choose a CSV file to import. Nothing was imported.' })
    }
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file)
    } catch {
      return renderImport(reply, 400, { mode, message: 'The file is not text in UTF-8, so it is not a CSV file this page reads. Nothing was imported.' })
    }
    const result = await readPortfolioCsv(text)
    if (!result.ok) {
      return renderImport(reply, 400, { mode, message: `Nothing was imported: the file has ${countOf(result.problems, 'problem')}.`, problems: result })
    }

    const session = request.portfolioSession
    const kept = mode === 'append' ? decodePortfolio(session.get('holdings')) : []
    const flash = `Imported ${countOf(result.holdings.length, 'purchase')}${mode === 'replace' ? ', replacing the portfolio' : ''}.`
    const holdings = encodePortfolio([...kept, ...result.holdings])
    if (!saveWithMessage(fastify, session, { holdings }, flash)) {
      const fits = (count: number): boolean => fitsWith(fastify, session, encodePortfolio([...kept, ...result.holdings.slice(0, count)]))
      const room = largestFitting(result.holdings, fits)
      const beside = mode === 'append' ? ` beside the ${countOf(kept.length, 'purchase')} already there` : ''
      return renderImport(reply, 409, {
        mode,
        message: `The file has ${countOf(result.holdings.length, 'purchase')}, but one browser cookie has room for ${formatCount(room)} more${beside}. Nothing was imported.`
      })
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
