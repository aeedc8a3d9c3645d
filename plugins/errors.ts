import fp from 'fastify-plugin'
import type { FastifyError, FastifyRequest } from 'fastify'
import { FORM_BODY_LIMIT } from './form-body.js'
import { UPLOAD_TOO_LARGE } from './csv-upload.js'
import { kPaths } from '../src/urls.js'
import { renderPage } from './views.js'

/** Plain words for the errors Fastify raises before a handler runs. */
const MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: `The form was larger than ${FORM_BODY_LIMIT / 1024} KiB, so it was not read. Nothing was changed.`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This page accepts only forms sent as application/x-www-form-urlencoded (the import page: multipart/form-data). Nothing was changed.',
  // The form a person fills in re-renders with its own messages; this is a page's hidden form.
  FST_ERR_VALIDATION: 'The form arrived incomplete or with fields it does not have. Nothing was changed.',
  // @fastify/under-pressure, in the standalone server: shedding load rather than running out of memory.
  FST_UNDER_PRESSURE: 'The server is busy right now. Nothing was changed; try again in a few seconds.'
}

/** What a refused request is told; the import's body is bounded by its file. */
function refusalMessage (error: FastifyError, request: FastifyRequest): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && request.headers['content-type']?.startsWith('multipart/') === true) return UPLOAD_TOO_LARGE
  return MESSAGES[error.code] ?? error.message
}

// Every error inside the plugin becomes a page of its own, with the layout and a way back;
// a 4xx says what was wrong, anything else is logged and stays generic. Under a prefix, an
// address the plugin does not have is such a page too (404); at the root the host's
// not-found handler stays in charge (Fastify allows one per prefix).
export default fp(async function errors (fastify) {
  if (fastify[kPaths].base !== '') {
    fastify.setNotFoundHandler(async function (_request, reply) {
      return renderPage(reply.code(404), 'error.hbs', { title: 'Page not found', status: 404, message: 'There is no page at this address. Nothing was changed.' })
    })
  }

  fastify.setErrorHandler(async function (error: FastifyError, request, reply) {
    // 503 is @fastify/under-pressure's "busy, come back": a state to say, not a failure.
    const status = error.statusCode !== undefined && ((error.statusCode >= 400 && error.statusCode < 500) || error.statusCode === 503)
      ? error.statusCode
      : 500
    if (status === 500) request.log.error({ err: error }, 'fastify-stock-portfolio: request failed')
    const message = status === 500
      ? 'Something went wrong on our side. Your portfolio was not changed.'
      : refusalMessage(error, request)
    return renderPage(reply.code(status), 'error.hbs', { title: 'Request refused', status, message })
  })
}, { name: 'fastify-stock-portfolio/errors', fastify: '5.x', dependencies: ['fastify-stock-portfolio/views'], decorators: { fastify: [kPaths], reply: ['portfolioViewAsync'] } })
