import fp from 'fastify-plugin'
import { Tokens } from '@fastify/csrf'
import createError from '@fastify/error'
import type { preValidationAsyncHookHandler } from 'fastify'

// @fastify/csrf-protection always keeps its secret in request.session, which inside a host app
// is the host's session. The secret lives in the plugin's own session instead, beside the
// portfolio, and the tokens come from @fastify/csrf, the library csrf-protection is built on.

const InvalidCsrfToken = createError(
  'FST_PORTFOLIO_CSRF',
  'This form has expired or did not come from this site. Load the page again and resend it.',
  403
)

declare module 'fastify' {
  interface FastifyReply {
    /** A CSRF token for a form on this page; makes the browser's secret on first use. */
    portfolioCsrfToken(): string
  }
  interface FastifyInstance {
    /**
     * preValidation for state-changing routes: the body's _csrf must match the session. It runs
     * once the body is parsed and before the schema, so a forged request is a 403 whatever it holds.
     */
    portfolioCsrfCheck: preValidationAsyncHookHandler
  }
}

export default fp(async function csrf (fastify) {
  const tokens = new Tokens({ userInfo: false })

  fastify.decorateReply('portfolioCsrfToken', function () {
    const session = this.request.portfolioSession
    let secret = session.get('csrf')
    if (secret === undefined) {
      secret = tokens.secretSync()
      session.set('csrf', secret)
    }
    return tokens.create(secret)
  })

  fastify.decorate('portfolioCsrfCheck', async function (request) {
    const secret = request.portfolioSession.get('csrf')
    const token = (request.body as Record<string, unknown> | undefined)?._csrf
    if (secret === undefined || typeof token !== 'string' || !tokens.verify(secret, token)) {
      throw new InvalidCsrfToken()
    }
  })
}, { name: 'csrf', fastify: '5.x', dependencies: ['session'] })
