import t from 'tap'
import { writeFile } from 'node:fs/promises'
import { resolveOptions } from '../src/options.js'
import { KEY_C as key } from './helper.js'

t.test('defaults: cookie "portfolio", 24 h, Secure only in production, the JSON read documented', async (t) => {
  t.match(resolveOptions({ key }), { cookieName: 'portfolio', cookiePath: '/', expiry: 86400, secure: false, layout: undefined, openapi: 'json' })
  t.match(resolveOptions({ key, cookieName: 'p2', expiry: 60, secure: true, openapi: 'none' }), { cookieName: 'p2', expiry: 60, secure: true, openapi: 'none' })
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  t.teardown(() => { process.env.NODE_ENV = nodeEnv })
  t.match(resolveOptions({ key }), { secure: true })
})

t.test('a Secure cookie at / is named __Host-portfolio, else portfolio; under a prefix the name follows the prefix', async (t) => {
  t.equal(resolveOptions({ key, secure: true }, '/').cookieName, '__Host-portfolio')
  t.equal(resolveOptions({ key, secure: true }, '/portfolio').cookieName, 'portfolio_portfolio', 'under a prefix the name follows it')
  t.equal(resolveOptions({ key }, '/shop/my%20p').cookieName, 'portfolio_shop_my%20p')
  t.equal(resolveOptions({ key, secure: false }, '/').cookieName, 'portfolio')
  t.equal(resolveOptions({ key, secure: true, cookieName: '__Secure-p' }, '/portfolio').cookieName, '__Secure-p')
  t.throws(() => resolveOptions({ key, secure: true, cookieName: '__Host-p' }, '/portfolio'), { message: /option cookieName "__Host-p": browsers keep a __Host- cookie only when it is Secure and its Path is \/; mounted at \/portfolio, use a __Secure- name/ })
  t.throws(() => resolveOptions({ key, secure: false, cookieName: '__Host-p' }, '/'), { message: /mounted at \/ without secure: true/ })
  t.throws(() => resolveOptions({ key, secure: false, cookieName: '__Secure-p' }), { message: /option cookieName "__Secure-p": browsers keep a __Secure- cookie only when it is Secure; set secure: true/ })
})

t.test('the layout is a file or a template string', async (t) => {
  const dir = t.testdir()
  await writeFile(`${dir}/layout.hbs`, '<main>{{{body}}}</main>')
  t.equal(resolveOptions({ key, layout: `${dir}/layout.hbs` }).layout, '<main>{{{body}}}</main>')
  t.equal(resolveOptions({ key, layout: { template: '<div>{{{body}}}</div>' } }).layout, '<div>{{{body}}}</div>')
  t.throws(() => resolveOptions({ key, layout: `${dir}/missing.hbs` }), { message: `fastify-stock-portfolio: option layout: cannot read ${dir}/missing.hbs (ENOENT)` })
  t.throws(() => resolveOptions({ key, layout: 42 as unknown as string }), { message: /option layout must be a path to a handlebars file or \{ template: string \}/ })
})

t.test('expiry: 1 s to 400 days (34560000 s) are taken, one second more is refused', async (t) => {
  t.equal(resolveOptions({ key, expiry: 1 }).expiry, 1, 'the lower bound')
  t.equal(resolveOptions({ key, expiry: 34_560_000 }).expiry, 34_560_000, 'the upper bound')
  t.throws(() => resolveOptions({ key, expiry: 34_560_001 }), { message: 'fastify-stock-portfolio: option expiry must be a whole number of seconds from 1 to 34560000' }, 'the upper bound and a second')
})

t.test('bad options fail registration with a message naming the option and what to do in a host', async (t) => {
  t.throws(() => resolveOptions({}), { message: /^fastify-stock-portfolio: option key is missing; give 64 hex characters \(npx fastify-stock-portfolio genkey prints one, as does generateKey\(\) from this package; keep it in your app's secrets, not in code\)$/ })
  t.throws(() => resolveOptions({ key: 'short' }), { message: /^fastify-stock-portfolio: option key: the key has characters that are not hex digits/ })
  t.throws(() => resolveOptions({ key: '0'.repeat(64) }), { message: /^fastify-stock-portfolio: option key: the key has only 1 different byte value,/ })
  t.throws(() => resolveOptions({ key, cookieName: 'a b' }), { message: /option cookieName must be a cookie name/ })
  t.throws(() => resolveOptions({ key, cookieName: 42 as unknown as string }), { message: /option cookieName/ })
  t.throws(() => resolveOptions({ key, expiry: 0 }), { message: /option expiry must be a whole number of seconds from 1 to 34560000/ })
  t.throws(() => resolveOptions({ key, expiry: 1.5 }), { message: /option expiry/ })
  t.throws(() => resolveOptions({ key, secure: 'yes' as unknown as boolean }), { message: 'fastify-stock-portfolio: option secure must be a boolean' })
  t.throws(() => resolveOptions({ key, openapi: 'some' as 'all' }), { message: 'fastify-stock-portfolio: option openapi must be "json", "all" or "none"' })
  for (const tags of ['portfolio', [''], [1]]) {
    t.throws(() => resolveOptions({ key, openapiTags: tags as string[] }), { message: 'fastify-stock-portfolio: option openapiTags must be an array of tag names, such as [\'portfolio\']' }, JSON.stringify(tags))
  }
  t.same(resolveOptions({ key, openapiTags: ['a', 'b'] }).openapiTags, ['a', 'b'])
})
