import fp from 'fastify-plugin'
import type { FastifyError, FastifyRequest } from 'fastify'
import { FORM_BODY_LIMIT } from './form-body.js'
import { FIELD_LIMIT, UPLOAD_LIMIT } from './csv-upload.js'
import { localeOf } from './i18n.js'
import type { Locale } from '../src/i18n/locale.js'
import { renderPage } from './views.js'

/** Plain words, in the visitor's language, for the errors raised before a handler runs. */
const MESSAGES: Record<string, (locale: Locale) => string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ({ say, count }) => say('error.formTooLarge', { limit: count(FORM_BODY_LIMIT / 1024) }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ({ t }) => t.error.mediaType,
  // A body shorter or longer than its Content-Length: a client's fault, said in plain words.
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ({ t }) => t.error.malformedRequest,
  // The form a person fills in re-renders with its own messages; this is a page's hidden form.
  FST_ERR_VALIDATION: ({ t }) => t.error.validation,
  // @fastify/under-pressure, in the standalone server: shedding load rather than running out of memory.
  FST_UNDER_PRESSURE: ({ t }) => t.error.busy,
  FST_PORTFOLIO_CSRF: ({ t }) => t.error.csrf,
  FST_PORTFOLIO_CROSS_SITE: ({ t }) => t.error.crossSite,
  FST_PORTFOLIO_COOKIE_CONFLICT: ({ t }) => t.error.cookieConflict,
  FST_PORTFOLIO_UPLOAD_TOO_LARGE: ({ say, count }) => say('error.uploadTooLarge', { limit: count(UPLOAD_LIMIT / 1024) }),
  FST_PORTFOLIO_UPLOAD_MALFORMED: ({ t }) => t.error.uploadMalformed,
  FST_PORTFOLIO_UPLOAD_INCOMPLETE: ({ t }) => t.error.uploadIncomplete,
  FST_PORTFOLIO_FIELD_TOO_LONG: ({ say, count }) => say('error.fieldTooLong', { limit: count(FIELD_LIMIT) }),
  FST_PORTFOLIO_LANGUAGE_FULL: ({ t }) => t.language.full
}

/**
 * What a refused request is told; the import's body is bounded by its file. An error the
 * plugin does not know (a host's hook refusing, say) keeps its own message, set in a sentence
 * of the visitor's language.
 */
function refusalMessage (error: FastifyError, request: FastifyRequest, locale: Locale): string {
  const code = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && request.headers['content-type']?.toLowerCase().startsWith('multipart/') === true
    ? 'FST_PORTFOLIO_UPLOAD_TOO_LARGE'
    : error.code
  return MESSAGES[code]?.(locale) ?? locale.say('error.other', { detail: error.message })
}

/**
 * The status an error is answered with: a 4xx as it is, 503 (@fastify/under-pressure's "busy,
 * come back": a state to say, not a failure) too, anything else 500. The standalone server
 * answers the errors outside the plugin by the same rule.
 */
export function answerStatus (error: FastifyError): number {
  const status = error.statusCode
  return status !== undefined && ((status >= 400 && status < 500) || status === 503) ? status : 500
}

// Every error inside the plugin becomes a page of its own, with the layout and a way back;
// a 4xx says what was wrong, anything else is logged and stays generic. An address the plugin
// does not have, under its prefix too, is left to the host's not-found handler: the host's
// page, logging and rate limit (fastify/demo limits its 404s against URL scanning) apply there
// as everywhere else on its site.
export default fp(async function errors (fastify) {
  fastify.setErrorHandler(async function (error: FastifyError, request, reply) {
    const status = answerStatus(error)
    if (status === 500) request.log.error({ err: error }, 'fastify-stock-portfolio: request failed')
    const locale = localeOf(request)
    const message = status === 500 ? locale.t.error.internal : refusalMessage(error, request, locale)
    return renderPage(reply.code(status), 'error.hbs', { title: locale.t.error.refused, status, message })
  })
}, { name: 'fastify-stock-portfolio/errors', fastify: '5.x', dependencies: ['fastify-stock-portfolio/views', 'fastify-stock-portfolio/i18n'], decorators: { reply: ['portfolioViewAsync'] } })
