import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import { publicDir } from '../src/package-root.js'

// The stylesheet, under the plugin's prefix. Pages link it with a content hash in the query
// (src/urls.ts), so it can be cached for a year.
export default async function assetsRoutes (fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyStatic, {
    root: publicDir,
    prefix: '/assets/',
    decorateReply: false,
    wildcard: false,
    maxAge: '365d',
    immutable: true
  })
}
