import Fastify, { type FastifyInstance } from 'fastify'
import securityHeaders from '../plugins/security-headers.js'
import stockPortfolio from './index.js'
import type { ServerConfig } from './config.js'

/** The standalone server without listen: the plugin at /, security headers, health check. */
export async function buildApp (config: ServerConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    // On SIGTERM, a request already on an accepted connection is served, not answered 503:
    // the listening socket is closed at once, so new connections go to another instance.
    return503OnClosing: false
  })

  await app.register(securityHeaders, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Upgrading would break plain-HTTP development on 127.0.0.1; production sits behind TLS.
        upgradeInsecureRequests: config.production ? [] : null
      }
    },
    hsts: config.production
  })

  await app.register(stockPortfolio, { key: config.keys, expiry: config.expiry, secure: config.production })

  app.get('/', async (_request, reply) => reply.redirect('/stocks/', 302))
  app.get('/health', async () => ({ status: 'ok' }))

  return app
}
