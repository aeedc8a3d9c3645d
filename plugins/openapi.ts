import fp from 'fastify-plugin'
import type { ResolvedOptions } from '../src/options.js'

// A host's @fastify/swagger documents every route it sees. The pages and forms are HTML for
// browsers, not an API: they stay out of its document unless the host asks (`openapi: 'all'`);
// by default only the portfolio's JSON read (GET /stocks/) is documented.
export default fp<Pick<ResolvedOptions, 'openapi' | 'openapiTags'>>(async function openapi (fastify, { openapi, openapiTags }) {
  fastify.addHook('onRoute', (route) => {
    const documented = openapi === 'all' || (openapi === 'json' && route.method === 'GET' && route.url.endsWith('/stocks/'))
    // `hide` and `tags` are @fastify/swagger's keywords; Fastify's own schema type knows neither.
    const schema: Record<string, unknown> = documented ? { ...route.schema, tags: openapiTags } : { ...route.schema, hide: true }
    route.schema = schema
  })
}, { name: 'fastify-stock-portfolio/openapi', fastify: '5.x' })
