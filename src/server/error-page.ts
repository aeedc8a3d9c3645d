import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import handlebars from 'handlebars'
import { viewsDir } from '../package-root.js'
import { sitePaths } from '../urls.js'
import type { LanguageSettings } from '../i18n/settings.js'
import { languageChoices, makeLocale, negotiate } from '../i18n/locale.js'

// Fastify answers a malformed URL, and Node a malformed request, before any route or hook runs,
// so the plugin's error handler never sees them; nor does it see an address outside the
// plugin, nor an error there (a body too large for an address without a route, load shed on
// /). The standalone server answers them with the same page, rendered here once in each
// language from the plugin's own templates, in the language the request's Accept-Language asks
// for (the session is the plugin's, and is not read out here).
const engine = handlebars.create()
const read = (name: string): string => readFileSync(join(viewsDir, name), 'utf8')
engine.registerPartial('language-switch', read('partials/language-switch.hbs'))
const layout = engine.compile(read('layout.hbs'))
const error = engine.compile(read('error.hbs'))

export type ErrorPageKind = 'malformed' | 'notFound' | 'tooLarge' | 'mediaType' | 'busy' | 'internal'
export interface ErrorPage { lang: string, html: string }

/** The server's own error pages: `page(kind, Accept-Language)`. */
export function errorPages ({ locales, defaultLocale, currency }: LanguageSettings, bodyLimit: number): (kind: ErrorPageKind, acceptLanguage?: string) => ErrorPage {
  const paths = sitePaths('')
  const made = locales.map(({ tag, messages }) => makeLocale(tag, messages, currency))
  const choices = languageChoices(made)
  const pages = new Map(made.map((locale) => {
    const { t, tag, say, count } = locale
    const render = (title: string, message: string): ErrorPage => {
      const data = { title, message, paths, t, lang: tag, languages: choices.get(tag), back: paths.stocks }
      return { lang: tag, html: layout({ ...data, body: error(data) }) }
    }
    const kinds: Record<ErrorPageKind, ErrorPage> = {
      malformed: render(t.error.refused, t.error.malformedRequest),
      notFound: render(t.error.notFound, t.error.notFoundMessage),
      tooLarge: render(t.error.refused, say('error.requestTooLarge', { limit: count(bodyLimit / 1024) })),
      mediaType: render(t.error.refused, t.error.mediaType),
      busy: render(t.error.refused, t.error.busy),
      internal: render(t.error.refused, t.error.internal)
    }
    return [tag, kinds]
  }))
  const tags = [...pages.keys()]
  return (kind, acceptLanguage) => (pages.get(negotiate(tags, acceptLanguage) ?? defaultLocale) as Record<ErrorPageKind, ErrorPage>)[kind]
}
