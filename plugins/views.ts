import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import view from '@fastify/view'
import handlebars from 'handlebars'
import type { FastifyReply } from 'fastify'
import { viewsDir } from '../src/package-root.js'
import { kPaths } from '../src/urls.js'
import type { ResolvedOptions } from '../src/options.js'

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
const PARTIALS = ['field', 'purchase-row', 'position-row', 'header-cell', 'list-href']

/**
 * A page in the layout, as @fastify/view's `layout` option renders one (the layout gets the page
 * as `body`); that option takes only a file under views/, and a host's layout may be a string.
 */
export async function renderPage (reply: FastifyReply, page: string, data: PageData & Record<string, unknown>): Promise<string> {
  const body = await reply.portfolioViewAsync(page, data)
  return reply.server[kLayout]({ title: data.title, nav: data.nav, paths: reply.server[kPaths], body })
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
}, { name: 'fastify-stock-portfolio/views', fastify: '5.x', decorators: { fastify: [kPaths] } })
