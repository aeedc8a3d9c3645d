import type { FastifyInstance } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import createError from '@fastify/error'
import { languageBody } from '../src/schemas.js'
import { kPaths } from '../src/urls.js'
import { sameOriginCheck } from '../plugins/csrf.js'
import { fitsChanged } from '../plugins/cookie-size.js'
import { offeredLocales } from '../plugins/i18n.js'

const LanguageFull = createError('FST_PORTFOLIO_LANGUAGE_FULL', 'The language was not changed: the session cookie has no room left to remember it.', 409)

// The switch on every page (views/partials/language-switch.hbs): keeps the language chosen in
// the plugin's session and goes back to the page it was chosen on.
export default async function languageRoutes (instance: FastifyInstance): Promise<void> {
  const fastify = instance.withTypeProvider<JsonSchemaToTsProvider>()
  const { stocks, addStock, importCsv } = fastify[kPaths]
  const pages = [stocks, addStock, importCsv]
  const body = { ...languageBody, properties: { ...languageBody.properties, locale: { type: 'string', enum: offeredLocales(fastify) } } }

  /** One of the plugin's pages, with its query; the list for anything else, so no switch leads elsewhere. */
  function backTo (back: string | undefined): string {
    const origin = 'http://back.invalid'
    const url = back !== undefined && URL.canParse(back, origin) ? new URL(back, origin) : undefined
    return url !== undefined && url.origin === origin && pages.includes(url.pathname) ? url.pathname + url.search : stocks
  }

  fastify.post('/language', { schema: { body }, preValidation: sameOriginCheck(fastify) }, async (request, reply) => {
    const { locale, back } = request.body as { locale: string, back?: string }
    const session = request.portfolioSession
    // Every session the plugin writes holds a CSRF secret (plugins/session.ts warns of one
    // without), this one too: making a token makes the secret.
    reply.portfolioCsrfToken()
    // Asked before setting: a session set and set back is sealed again, its expiry moved.
    if (!fitsChanged(fastify, session, { locale })) throw new LanguageFull()
    session.set('locale', locale)
    return reply.redirect(backTo(back), 302)
  })
}
