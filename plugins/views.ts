import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import view from '@fastify/view'
import handlebars from 'handlebars'
import type { FastifyReply } from 'fastify'
import { viewsDir } from '../src/package-root.js'
import { BACK_MAX_LENGTH, kPaths } from '../src/urls.js'
import type { ResolvedOptions } from '../src/options.js'
import { languageChoices, localeOf, markLanguage } from './i18n.js'
import { hasCookieConflict } from './cookie-conflict.js'

/** What the layout reads of a page's data, besides `paths` and `body`. */
export interface PageData {
  title: string
  /** The navigation link to mark as the current page. */
  nav?: { stocks?: true, addStock?: true, importCsv?: true }
}

declare module 'fastify' {
  interface FastifyReply {
    portfolioViewAsync(page: string, data?: object): Promise<string>
  }
  interface FastifyInstance {
    [kLayout]: HandlebarsTemplateDelegate
  }
}

const kLayout: unique symbol = Symbol('fastify-stock-portfolio/layout')

// Only the built-in helpers exist: templates compile to direct calls instead of lookups.
const compileOptions = { knownHelpersOnly: true }
const PARTIALS = ['field', 'purchase-row', 'position-row', 'header-cell', 'list-href', 'language-switch']

/**
 * The page the language switch comes back to: this one, without its query when the whole
 * address is longer than the switch takes (long tracking parameters), the list if even the
 * path is (a host that ignores duplicate slashes serves any number of them).
 */
function backOf (url: string): string {
  if (url.length <= BACK_MAX_LENGTH) return url
  const path = url.split('?', 1)[0] as string
  return path.length <= BACK_MAX_LENGTH ? path : ''
}

/**
 * A page: its template, rendered by @fastify/view, inside the layout. @fastify/view's `layout`
 * option takes a file under views/, and a host's layout may be a string, so the layout is
 * applied here as that option applies it: the page, then the layout given it as `body`. Both
 * are written in the visitor's language: `t` holds its texts, `lang` its tag, `languages` the
 * switch to the others, which brings the visitor `back` to this page.
 */
export async function renderPage (reply: FastifyReply, page: string, data: PageData & Record<string, unknown>): Promise<string> {
  const locale = localeOf(reply.request)
  markLanguage(reply, locale)
  const language = { t: locale.t, lang: locale.tag, languages: languageChoices(reply, locale), back: backOf(reply.request.url) }
  // What a page says of the session before anything else: why it shows no portfolio, if so.
  const notice = hasCookieConflict(reply.request) ? locale.t.notice.cookieConflict : undefined
  // Spreads last: on Node 20, each property added after a spread cost about 1 µs.
  const body = await reply.portfolioViewAsync(page, { notice, ...data, ...language })
  return reply.server[kLayout]({ title: data.title, nav: data.nav, paths: reply.server[kPaths], body, ...language })
}

// A private handlebars instance and its own reply property, so that a host's @fastify/view, its
// partials and helpers are neither touched nor picked up.
export default fp<Partial<Pick<ResolvedOptions, 'layout'>>>(async function views (fastify, { layout }) {
  const engine = handlebars.create()
  if (layout !== undefined) {
    try {
      // compile() parses on first use; precompile() finds a host's mistake at start-up.
      engine.precompile(layout, compileOptions)
    } catch (error) {
      throw new TypeError(`fastify-stock-portfolio: option layout is not a handlebars template: ${(error as Error).message}`)
    }
  }
  fastify.decorate(kLayout, engine.compile(layout ?? readFileSync(join(viewsDir, 'layout.hbs'), 'utf8'), compileOptions))

  await fastify.register(view, {
    engine: { handlebars: engine },
    root: viewsDir,
    propertyName: 'portfolioView',
    // Compile each template once; outside production, @fastify/view re-reads them on every render.
    production: true,
    options: { compileOptions, partials: Object.fromEntries(PARTIALS.map((name) => [name, `partials/${name}.hbs`])) },
    defaultContext: { paths: fastify[kPaths] }
  })
}, { name: 'fastify-stock-portfolio/views', fastify: '5.x', dependencies: ['fastify-stock-portfolio/i18n'], decorators: { fastify: [kPaths] } })
