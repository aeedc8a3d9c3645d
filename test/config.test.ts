import t from 'tap'
import { loadConfig } from '../src/server/config.js'
import { KEY_A as KEY, KEY_B } from './helper.js'

t.test('defaults: 127.0.0.1:3000, 24 h sessions, info logs', async (t) => {
  const config = loadConfig({ SESSION_KEY: KEY })
  t.match(config, { host: '127.0.0.1', port: 3000, expiry: 86400, production: false, logLevel: 'info', keyGenerated: false })
  t.same(config.keys, [Buffer.from(KEY, 'hex')])
  t.match(config.limits, { requestTimeout: 30_000, headersTimeout: 10_000 }, 'headers within 10 s, the whole request within 30 s')
  t.equal(loadConfig({ SESSION_KEY: KEY, HEADERS_TIMEOUT: '2500' }).limits.headersTimeout, 2500)
})

t.test('every setting is read from the environment', async (t) => {
  const config = loadConfig({ SESSION_KEY: `${KEY},${KEY_B}`, HOST: '0.0.0.0', PORT: '8080', SESSION_EXPIRY: '600', NODE_ENV: 'production', LOG_LEVEL: 'warn' })
  t.match(config, { host: '0.0.0.0', port: 8080, expiry: 600, production: true, logLevel: 'warn' })
  t.equal(config.keys.length, 2)
})

t.test('without SESSION_KEY outside production a random key is made for this run', async (t) => {
  const first = loadConfig({ SESSION_KEY: '' })
  t.equal(first.keyGenerated, true)
  t.equal(first.keys.length, 1)
  t.notSame(loadConfig({}).keys, first.keys)
})

t.test('production refuses to start without SESSION_KEY', async (t) => {
  t.throws(() => loadConfig({ NODE_ENV: 'production' }), { name: 'ConfigError', message: /^SESSION_KEY is required when NODE_ENV=production/ })
})

t.test('bad values are named with what is wrong', async (t) => {
  t.throws(() => loadConfig({ SESSION_KEY: 'abc' }), /^SESSION_KEY: the key is 3 hex characters/)
  t.throws(() => loadConfig({ SESSION_KEY: KEY, PORT: 'http' }), /^PORT must be a whole number from 0 to 65535, not "http"/)
  t.throws(() => loadConfig({ SESSION_KEY: KEY, PORT: '70000' }), /^PORT must be/)
  t.throws(() => loadConfig({ SESSION_KEY: KEY, SESSION_EXPIRY: '0' }), /^SESSION_EXPIRY must be a whole number from 1 to 34560000/)
  t.throws(() => loadConfig({ SESSION_KEY: KEY, SESSION_EXPIRY: '1e3' }), /^SESSION_EXPIRY must be/)
  t.throws(() => loadConfig({ SESSION_KEY: KEY, LOG_LEVEL: 'loud' }), /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"/)
})

t.test('TRUST_PROXY: the proxy\'s addresses, ranges or range names; none by default', async (t) => {
  t.equal(loadConfig({ SESSION_KEY: KEY }).trustProxy, false)
  t.same(loadConfig({ SESSION_KEY: KEY, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback' }).trustProxy, ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback'])
  for (const wrong of ['true', '*', '10.0.0.0/33', '::1/129', '10.0.0.0/8/8', '10.0.0.1/x', 'proxy.example', '127.0.0.1,,::1']) {
    t.throws(() => loadConfig({ SESSION_KEY: KEY, TRUST_PROXY: wrong }), /^TRUST_PROXY must list the addresses your proxy connects from, comma-separated: IP addresses, CIDR ranges such as 10\.0\.0\.0\/8, or loopback, linklocal, uniquelocal \(invalid (IP address|range on address): [^)]*\)$/, wrong)
  }
})

t.test('CURRENCY: the currency amounts are in, an ISO 4217 code; USD by default', async (t) => {
  t.equal(loadConfig({ SESSION_KEY: KEY }).currency, 'USD')
  t.equal(loadConfig({ SESSION_KEY: KEY, CURRENCY: 'EUR' }).currency, 'EUR')
  t.equal(loadConfig({ SESSION_KEY: KEY, CURRENCY: '' }).currency, 'USD')
  t.throws(() => loadConfig({ SESSION_KEY: KEY, CURRENCY: 'eur' }), /^CURRENCY must be an ISO 4217 code in capitals, such as USD, EUR or CHF, not "eur"/)
  t.throws(() => loadConfig({ SESSION_KEY: KEY, CURRENCY: 'EURO' }), /^CURRENCY must be/)
})
