import fp from 'fastify-plugin'
import view from '@fastify/view'
import handlebars from 'handlebars'
import { viewsDir } from '../src/package-root.js'

declare module 'fastify' {
  interface FastifyReply {
    portfolioViewAsync(page: string, data?: object): Promise<string>
  }
}

// A private handlebars instance and its own reply property, so a host's @fastify/view, its
// partials and helpers are neither touched nor picked up.
export default fp(async function views (fastify) {
  await fastify.register(view, {
    engine: { handlebars: handlebars.create() },
    root: viewsDir,
    layout: 'layout.hbs',
    propertyName: 'portfolioView',
    // Compile each template once; outside this, @fastify/view re-reads them on every render.
    production: true,
    // Only the built-in helpers exist: templates compile to direct calls, about 20% faster.
    options: { compileOptions: { knownHelpersOnly: true } },
    defaultContext: { paths: fastify.portfolioPaths }
  })
}, { name: 'views', fastify: '5.x', dependencies: ['site-paths'] })
