import t from 'tap'
import { Tokens } from '@fastify/csrf'
import { build, Browser, csrfToken, setCookies, VALID } from './helper.js'

const post = (browser: Browser, token: string) => browser.postRaw('/add_stock', new URLSearchParams({ ...VALID, _csrf: token }).toString())

t.test('every page gets a token of its own, in @fastify/csrf\'s format, and each is taken', async (t) => {
  const browser = new Browser(await build(t))
  const first = csrfToken((await browser.get('/add_stock')).body)
  const second = csrfToken((await browser.get('/add_stock')).body)
  t.match(first, /^[\w-]{8}-[\w-]{43}$/, 'eight characters of salt, a dash, a base64url SHA-256')
  t.not(first, second)
  t.equal((await post(browser, first)).statusCode, 302)
  t.equal((await post(browser, second)).statusCode, 302, 'an earlier page\'s token too')
})

t.test('a token altered, cut, lengthened, without its salt or made from another secret is a 403, never an error', async (t) => {
  const browser = new Browser(await build(t))
  const token = csrfToken((await browser.get('/add_stock')).body)
  const cookie = browser.cookies.get('portfolio')
  const last = token.at(-1) === 'A' ? 'B' : 'A'
  const tokens = new Tokens({ userInfo: false })
  const forged = [`${token.slice(0, -1)}${last}`, token.slice(0, -1), `${token}A`, `${token.slice(0, -1)}é`, token.slice(9), '-', 'x', tokens.create(tokens.secretSync())]
  for (const attempt of forged) {
    const response = await post(browser, attempt)
    t.equal(response.statusCode, 403, JSON.stringify(attempt))
    t.equal(setCookies(response).size, 0)
  }
  t.equal(browser.cookies.get('portfolio'), cookie, 'the session is as it was')
  t.equal((await post(browser, token)).statusCode, 302, 'the real token still works')
})
