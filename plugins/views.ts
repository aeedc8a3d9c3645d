import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import view from '@fastify/view'
import handlebars from 'handlebars'
import type { FastifyReply } from 'fastify'
import { viewsDir } from '../src/package-root.js'
import { kPaths } from '../src/urls.js'
import type { ResolvedOptions } from '../src/options.js'

/** What the layout reads of a page's data, besides `paths`. */
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
    [kLayout]: (data: PageData, body: string) => string
  }
}

const kLayout: unique symbol = Symbol('fastify-stock-portfolio/layout')

// Only the built-in helpers exist: templates compile to direct calls, about 20% faster.
const compileOptions = { knownHelpersOnly: true }
/** Stands for the page while a layout is rendered once, to be cut in two around it. */
const BODY_MARK = '\u0000fastify-stock-portfolio page\u0000'

/** A page: its own template, rendered by @fastify/view, inside the layout. */
export async function renderPage (reply: FastifyReply, page: string, data: PageData & Record<string, unknown>): Promise<string> {
  const body = await reply.portfolioViewAsync(page, data)
  return reply.server[kLayout](data, body)
}

// A private handlebars instance and its own reply property, so a host's @fastify/view, its
// partials and helpers are neither touched nor picked up.
//
// The layout, ours (views/layout.hbs) or the host's (option `layout`), reads only the page's
// title and navigation and the paths, the same on every request for a page. So it is rendered
// once per title and navigation and cut at {{{body}}}, and a request renders only its page's
// template. A layout that writes the body other than exactly once is rendered every time.
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
  // Read outside the check above: a missing file of ours is not a host's bad template.
  const template = engine.compile(layout ?? readFileSync(join(viewsDir, 'layout.hbs'), 'utf8'), compileOptions)
  const paths = fastify[kPaths]
  const shells = new Map<string, readonly string[]>()
  fastify.decorate(kLayout, ({ title, nav = {} }: PageData, body: string) => {
    const key = `${title}\n${Object.keys(nav).join()}`
    let shell = shells.get(key)
    if (shell === undefined) {
      shell = template({ title, nav, paths, body: BODY_MARK }).split(BODY_MARK)
      shells.set(key, shell)
    }
    return shell.length === 2 ? `${shell[0]}${body}${shell[1]}` : template({ title, nav, paths, body })
  })

  await fastify.register(view, {
    engine: { handlebars: engine },
    root: viewsDir,
    propertyName: 'portfolioView',
    // Compile each template once; outside this, @fastify/view re-reads them on every render.
    production: true,
    options: { compileOptions },
    defaultContext: { paths }
  })
}, { name: 'fastify-stock-portfolio/views', fastify: '5.x', decorators: { fastify: [kPaths] } })
