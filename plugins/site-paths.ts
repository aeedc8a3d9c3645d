import fp from 'fastify-plugin'
import { type SitePaths, sitePaths } from '../src/site-paths.js'

declare module 'fastify' {
  interface FastifyInstance {
    portfolioPaths: SitePaths
  }
}

// Links and redirects are built from the prefix the plugin was registered under, never from /.
export default fp(async function sitePathsPlugin (fastify) {
  fastify.decorate('portfolioPaths', sitePaths(fastify.prefix))
}, { name: 'site-paths', fastify: '5.x' })
