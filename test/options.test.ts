import t from 'tap'
import { resolveOptions } from '../src/options.js'

const key = 'ab'.repeat(32)

t.test('defaults: cookie "portfolio", 24 h, Secure only in production', async (t) => {
  t.match(resolveOptions({ key }), { cookieName: 'portfolio', expiry: 86400, secure: false })
  t.match(resolveOptions({ key, cookieName: 'p2', expiry: 60, secure: true }), { cookieName: 'p2', expiry: 60, secure: true })
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  t.teardown(() => { process.env.NODE_ENV = nodeEnv })
  t.match(resolveOptions({ key }), { secure: true })
})

t.test('bad options fail registration with a message naming the option', async (t) => {
  t.throws(() => resolveOptions({}), { message: 'fastify-stock-portfolio: option key is missing; give 64 hex characters (npm run genkey prints one)' })
  t.throws(() => resolveOptions({ key: 'short' }), { message: /^fastify-stock-portfolio: option key: the key has characters that are not hex digits/ })
  t.throws(() => resolveOptions({ key, cookieName: 'a b' }), { message: /option cookieName must be a cookie name/ })
  t.throws(() => resolveOptions({ key, cookieName: 42 as unknown as string }), { message: /option cookieName/ })
  t.throws(() => resolveOptions({ key, expiry: 0 }), { message: /option expiry must be a whole number of seconds from 1 to 34560000/ })
  t.throws(() => resolveOptions({ key, expiry: 1.5 }), { message: /option expiry/ })
  t.throws(() => resolveOptions({ key, secure: 'yes' as unknown as boolean }), { message: 'fastify-stock-portfolio: option secure must be a boolean' })
})
