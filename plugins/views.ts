import fp from 'fastify-plugin'
import view from '@fastify/view'
import handlebars from 'handlebars'
import { viewsDir } from '../src/package-root.js'
import { kPaths } from './site-paths.js'
import type { ResolvedOptions } from '../src/options.js'

declare module 'fastify' {
  interface FastifyReply {
    portfolioViewAsync(page: string, data?: object): Promise<string>
  }
}

// A private handlebars instance and its own reply property, so a host's @fastify/view, its
// partials and helpers are neither touched nor picked up. A host's layout (option `layout`)
// is a partial of that instance, which views/host-layout.hbs calls in place of ours.
export default fp<Partial<Pick<ResolvedOptions, 'layout'>>>(async function views (fastify, { layout }) {
  const engine = handlebars.create()
  if (layout !== undefined) {
    try {
      engine.registerPartial('hostLayout', engine.compile(layout))
      engine.precompile(layout)
    } catch (error) {
      throw new TypeError(`fastify-stock-portfolio: option layout is not a handlebars template: ${(error as Error).message}`)
    }
  }
  await fastify.register(view, {
    engine: { handlebars: engine },
    root: viewsDir,
    layout: layout === undefined ? 'layout.hbs' : 'host-layout.hbs',
    propertyName: 'portfolioView',
    // Compile each template once; outside this, @fastify/view re-reads them on every render.
    production: true,
    // Only the built-in helpers exist: templates compile to direct calls, about 20% faster.
    options: { compileOptions: { knownHelpersOnly: true } },
    defaultContext: { paths: fastify[kPaths] }
  })
}, { name: 'fastify-stock-portfolio/views', fastify: '5.x', dependencies: ['fastify-stock-portfolio/site-paths'], decorators: { fastify: [kPaths] } })
