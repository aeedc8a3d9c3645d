import type { Socket } from 'node:net'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify'
import underPressure from '@fastify/under-pressure'
import securityHeaders, { helmetHeaders } from './security-headers.js'
import pipelining from './pipelining.js'
import stockPortfolio from '../index.js'
import { answerStatus } from '../../plugins/errors.js'
import type { ServerConfig } from './config.js'
import { type ErrorPage, type ErrorPageKind, errorPages } from './error-page.js'
import { resolveLanguage } from '../i18n/settings.js'
import { varyOn } from '../vary.js'

/** Fastify's default: what a request outside the plugin may carry (the plugin's form takes 16 KiB). */
const BODY_LIMIT = 1024 * 1024
/** The page for an error outside the plugin, by the status it is answered with; any other 4xx is malformed. */
const PAGE_OF_STATUS: Partial<Record<number, ErrorPageKind>> = { 413: 'tooLarge', 415: 'mediaType', 500: 'internal', 503: 'busy' }

/**
 * Node's own answer to a request it cannot parse, with the pages' headers and error page: in
 * the default language, since the request's headers were not read.
 */
function clientError (headers: Record<string, string>, { lang, html: BAD_REQUEST }: ErrorPage) {
  const head = Object.entries({ ...headers, 'content-type': 'text/html; charset=utf-8', 'content-language': lang, connection: 'close' })
    .map(([name, value]) => `${name}: ${value}\r\n`).join('')
  return function (error: NodeJS.ErrnoException, socket: Socket): void {
    const [status, reason] = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout']
      : error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request']
    // A socket already reset or closed is not writable: it is only destroyed.
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${reason}\r\n${head}content-length: ${Buffer.byteLength(BAD_REQUEST)}\r\n\r\n${BAD_REQUEST}`)
    }
    socket.destroy(error)
  }
}

/** The standalone server without listen: the plugin at /, its limits, security headers, health check. */
export async function buildApp (config: ServerConfig): Promise<FastifyInstance> {
  const { limits } = config
  // Every response carries these, so they are what a browser of today acts on: a policy whose
  // default-src covers scripts, styles, fonts and script attributes, and none of the headers
  // only retired browsers read (X-XSS-Protection, X-Download-Options) or that have nothing to
  // do on pages without outside links (X-DNS-Prefetch-Control).
  const headers = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Upgrading would break plain-HTTP development on 127.0.0.1; production sits behind TLS.
        upgradeInsecureRequests: config.production ? [] : null
      }
    },
    // DENY, as frame-ancestors 'none' says: no page of this server is framed, not even by itself.
    frameguard: { action: 'deny' },
    hsts: config.production,
    xXssProtection: false,
    xDownloadOptions: false,
    xDnsPrefetchControl: false
  })
  const errorPage = errorPages(resolveLanguage({ currency: config.currency }), BODY_LIMIT)
  const sendErrorPage = (reply: FastifyReply, status: number, { lang, html }: ErrorPage): void => {
    reply.code(status).type('text/html; charset=utf-8').header('content-language', lang)
    varyOn(reply, 'Accept-Language')
    reply.send(html)
  }

  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    // On SIGTERM, a request already on an accepted connection is served, not answered 503:
    // the listening socket is closed at once, so new connections go to another instance.
    return503OnClosing: false,
    connectionTimeout: limits.connectionTimeout,
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    maxRequestsPerSocket: limits.maxRequestsPerSocket,
    // Node applies requestTimeout only when given to http.createServer (set afterwards, as
    // Fastify does, a trickled body was never cut off), and checks it every 30 s by default.
    http: {
      requestTimeout: limits.requestTimeout,
      // Node refuses a headers timeout longer than the request's.
      headersTimeout: Math.min(limits.headersTimeout, limits.requestTimeout),
      connectionsCheckingInterval: Math.min(1000, limits.requestTimeout)
    },
    frameworkErrors (_error, request, reply) {
      sendErrorPage((reply as FastifyReply).headers(headers), 400, errorPage('malformed', request.headers['accept-language']))
    },
    clientErrorHandler: clientError(headers, errorPage('malformed'))
  })
  app.server.maxConnections = limits.maxConnections

  await app.register(underPressure, {
    maxHeapUsedBytes: limits.maxHeapUsedBytes,
    maxRssBytes: limits.maxRssBytes,
    maxEventLoopDelay: limits.maxEventLoopDelay,
    retryAfter: 10
  })
  await app.register(pipelining, { max: limits.maxPipelinedRequests })
  await app.register(securityHeaders, { headers })
  await app.register(stockPortfolio, { key: config.keys, expiry: config.expiry, secure: config.production, currency: config.currency })

  app.setNotFoundHandler((request, reply) => { sendErrorPage(reply, 404, errorPage('notFound', request.headers['accept-language'])) })
  // Outside the plugin, which has its own, an error is the same page too, never Fastify's JSON.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = answerStatus(error)
    const kind = PAGE_OF_STATUS[status] ?? 'malformed'
    if (status === 500) request.log.error({ err: error }, 'request failed')
    sendErrorPage(reply, status, errorPage(kind, request.headers['accept-language']))
  })
  app.get('/', async (_request, reply) => reply.redirect('/stocks/', 302))
  // Under pressure, @fastify/under-pressure answers this (like every route) with a 503.
  app.get('/health', async () => ({ status: 'ok', ...app.memoryUsage() }))

  return app
}
