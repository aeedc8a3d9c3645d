import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import { publicDir } from '../src/package-root.js'
import { type SitePaths, sitePaths } from '../src/urls.js'

/** Every URL of the pages under the prefix: internal to the plugin, so a symbol, not a name. */
export const kPaths: unique symbol = Symbol('fastify-stock-portfolio/site-paths')

declare module 'fastify' {
  interface FastifyInstance {
    [kPaths]: SitePaths
  }
}

/** Changes with the stylesheet's content: its URL can be cached for good. */
export const styleVersion = createHash('sha256')
  .update(readFileSync(join(publicDir, 'portfolio.css')))
  .digest('base64url')
  .slice(0, 12)

// Links and redirects are built from the prefix the plugin was registered under, never from /.
export default fp(async function sitePathsPlugin (fastify) {
  fastify.decorate(kPaths, sitePaths(fastify.prefix, styleVersion))
}, { name: 'fastify-stock-portfolio/site-paths', fastify: '5.x' })
