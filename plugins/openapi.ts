import fp from 'fastify-plugin'
import type { ResolvedOptions } from '../src/options.js'

// A host's @fastify/swagger documents every route it sees. The pages and forms are HTML for
// browsers, not an API: they stay out of its document unless the host asks (`openapi: 'all'`);
// by default only the portfolio's JSON read (GET /stocks/) is documented.
export default fp<Pick<ResolvedOptions, 'openapi'>>(async function openapi (fastify, { openapi }) {
  fastify.addHook('onRoute', (route) => {
    const documented = openapi === 'all' || (openapi === 'json' && route.method === 'GET' && route.url.endsWith('/stocks/'))
    // `hide` is @fastify/swagger's keyword; Fastify's own schema type does not know it.
    const hidden: Record<string, unknown> = { ...route.schema, hide: true }
    if (!documented) route.schema = hidden
  })
}, { name: 'fastify-stock-portfolio/openapi', fastify: '5.x' })
