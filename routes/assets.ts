import type { FastifyInstance, FastifyRequest } from 'fastify'
import { stylesheet } from '../src/stylesheet.js'

const ETAG = `"${stylesheet.version}"`
/** Left out of a host's OpenAPI document (`hide` is @fastify/swagger's keyword): a file, not an API. */
const hidden: Record<string, unknown> = { hide: true }

/** Whether the browser's cached copy is this one (If-None-Match names its ETag, weak or not, or *). */
function fresh (request: FastifyRequest): boolean {
  const header = request.headers['if-none-match']
  return header !== undefined && header.split(',').some((tag) => ['*', ETAG, `W/${ETAG}`].includes(tag.trim()))
}

// The one stylesheet, read once at start-up, under the plugin's prefix. The pages link it with
// its version in the query (src/urls.ts): that URL never changes content, so it is cached for a
// year; any other (an old page's, or none) is revalidated, and a copy still current is a 304.
export default async function assetsRoutes (fastify: FastifyInstance): Promise<void> {
  fastify.get('/assets/portfolio.css', { schema: hidden }, async (request, reply) => {
    const versioned = request.url.endsWith(`?${stylesheet.version}`)
    reply
      .type('text/css; charset=utf-8')
      .header('etag', ETAG)
      .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache')
    return fresh(request) ? reply.code(304).send() : stylesheet.css
  })
}
