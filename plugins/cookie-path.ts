import fp from 'fastify-plugin'
import { covers } from '../src/mounts.js'

// A host may route to the plugin addresses its cookie's Path does not cover, which browsers
// compare byte for byte: another case (the router's `caseSensitive: false`) or a doubled slash
// before the prefix (`ignoreDuplicateSlashes`). No cookie comes with such a request, and the new
// session sealed in reply would replace the visitor's portfolio, so it is sent to the address
// as registered instead, before the session opens.
export default fp<{ cookiePath: string }>(async function cookiePath (fastify, { cookiePath }) {
  fastify.addHook('onRequest', (request, reply, done) => {
    const path = request.url.split('?', 1)[0] as string
    if (covers(cookiePath, path)) {
      done()
      return
    }
    // Every route of the plugin has a fixed address, which Fastify gives decoded; the query stays.
    reply.redirect(encodeURI(request.routeOptions.url as string) + request.url.slice(path.length), 308)
  })
}, { name: 'fastify-stock-portfolio/cookie-path', fastify: '5.x' })
