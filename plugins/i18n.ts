import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ResolvedOptions } from '../src/options.js'
import { type LanguageChoice, languageChoices as choicesOf, type Locale, makeLocale, negotiate } from '../src/i18n/locale.js'
import { varyOn } from '../src/vary.js'

// The visitor's language: the one they chose with the switch on every page (kept in the
// plugin's session), else the best of Accept-Language among the offered ones, else the default.
// Locales are made once, at registration; each makes its number formats when it first writes a
// number (src/i18n/locale.ts).

interface Languages {
  byTag: Map<string, Locale>
  /**
   * The offered tags, the default first: negotiator breaks a tie the header leaves open (`*`
   * matches every one) by this order, and a visitor who asks for any language gets the default.
   */
  tags: string[]
  fallback: Locale
  /** The switch's buttons as each locale's pages show them. */
  choices: Map<string, LanguageChoice[] | undefined>
}

const kLanguages: unique symbol = Symbol('fastify-stock-portfolio/languages')
const kLocale: unique symbol = Symbol('fastify-stock-portfolio/locale')

declare module 'fastify' {
  interface FastifyInstance {
    [kLanguages]: Languages
  }
  interface FastifyRequest {
    [kLocale]: Locale | null
  }
}

/** The best of the offered locales for an Accept-Language header, else the default. */
function negotiated (languages: Languages, header: string | undefined): Locale {
  const tag = negotiate(languages.tags, header)
  return tag === undefined ? languages.fallback : languages.byTag.get(tag) as Locale
}

/** The visitor's language for this request, worked out once. */
export function localeOf (request: FastifyRequest): Locale {
  let locale = request[kLocale]
  if (locale === null) {
    const languages = request.server[kLanguages]
    // A request refused before the session's hook ran (by a host's onRequest hook) has none.
    const session = request.portfolioSession as FastifyRequest['portfolioSession'] | null
    const chosen = session?.get('locale')
    locale = (chosen === undefined ? undefined : languages.byTag.get(chosen)) ?? negotiated(languages, request.headers['accept-language'])
    request[kLocale] = locale
  }
  return locale
}

/** The tags offered, for the switch's schema. */
export const offeredLocales = (fastify: FastifyInstance): string[] => fastify[kLanguages].tags

/** The switch's buttons on a page in `locale`; none when one language is offered. */
export const languageChoices = (reply: FastifyReply, locale: Locale): LanguageChoice[] | undefined =>
  reply.server[kLanguages].choices.get(locale.tag)

/** Marks a reply as written in the visitor's language, which depends on Accept-Language. */
export function markLanguage (reply: FastifyReply, locale: Locale): void {
  reply.header('content-language', locale.tag)
  varyOn(reply, 'Accept-Language')
}

export default fp<Pick<ResolvedOptions, 'locales' | 'defaultLocale' | 'currency'>>(async function i18n (fastify, { locales, defaultLocale, currency }) {
  const made = locales.map(({ tag, messages }) => makeLocale(tag, messages, currency))
  const byTag = new Map(made.map((locale) => [locale.tag, locale]))
  fastify.decorate(kLanguages, { byTag, tags: [...new Set([defaultLocale, ...byTag.keys()])], fallback: byTag.get(defaultLocale) as Locale, choices: choicesOf(made) })
  fastify.decorateRequest(kLocale, null)
}, { name: 'fastify-stock-portfolio/i18n', fastify: '5.x', dependencies: ['fastify-stock-portfolio/session'], decorators: { request: ['portfolioSession'] } })
