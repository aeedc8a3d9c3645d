import t from 'tap'
import Fastify from 'fastify'
import stockPortfolio from '../src/index.js'
import { build, Browser, KEY_A, KEY_B, setCookies, tableRows, VALID } from './helper.js'

const keys = (...hex: string[]): Buffer[] => hex.map((key) => Buffer.from(key, 'hex'))

async function withHolding (browser: Browser): Promise<string> {
  await browser.submit('/add_stock', VALID)
  return browser.cookies.get('portfolio') as string
}

t.test('the cookie: HttpOnly, SameSite=Lax, Path=/, Max-Age = expiry, not Secure outside production', async (t) => {
  const browser = new Browser(await build(t, { expiry: 600 }))
  const cookie = setCookies(await browser.get('/add_stock')).get('portfolio')
  t.match(cookie, { maxAge: 600, path: '/', httpOnly: true, sameSite: 'Lax' })
  t.equal(cookie?.secure, undefined)
})

t.test('in production the cookie is Secure, named __Host-portfolio so no subdomain can set or shadow it', async (t) => {
  const browser = new Browser(await build(t, { production: true }))
  const cookies = setCookies(await browser.get('/add_stock'))
  t.same([...cookies.keys()], ['__Host-portfolio'])
  t.match(cookies.get('__Host-portfolio'), { path: '/', httpOnly: true, secure: true })
  t.equal(cookies.get('__Host-portfolio')?.domain, undefined, 'a __Host- cookie has no Domain')
})

t.test('the cookie is encrypted: nothing of the portfolio can be read from it', async (t) => {
  const browser = new Browser(await build(t))
  const cookie = await withHolding(browser)
  const bytes = Buffer.from(decodeURIComponent(cookie).split(';')[0] as string, 'base64').toString('latin1')
  t.notMatch(cookie, 'AAPL')
  t.notMatch(bytes, 'AAPL')
  t.notMatch(bytes, '302.17')
})

t.test('cookie attacks: each is an empty session with a 200, logged at debug (anyone can send one), never an error', async (t) => {
  const lines: string[] = []
  const app = Fastify({ logger: { level: 'debug', stream: { write: (line: string) => { lines.push(line) } } } })
  await app.register(stockPortfolio, { key: KEY_A })
  t.teardown(() => app.close())
  const cookie = await withHolding(new Browser(app))
  const [cipher = '', nonce = ''] = decodeURIComponent(cookie).split(';')
  const flip = (text: string, at: number): string => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1)
  const attacks: Record<string, string> = {
    'one flipped byte': `${flip(cipher, 10)}%3B${nonce}`,
    'a flipped byte in the nonce': `${cipher}%3B${flip(nonce, 3)}`,
    'the nonce dropped': cipher,
    'a nonce of the wrong length': `${cipher}%3B${nonce.slice(4)}`,
    'a ciphertext shorter than the MAC': `AAAA%3B${nonce}`,
    'an empty value': '',
    'not base64': '%%%;;;***',
    truncated: cookie.slice(0, cookie.length - 10),
    'ciphertext and nonce swapped': `${nonce}%3B${cipher}`
  }
  for (const [name, value] of Object.entries(attacks)) {
    t.test(name, async (t) => {
      const before = lines.length
      const response = await app.inject({ url: '/stocks/', headers: { cookie: `portfolio=${value}` } })
      t.equal(response.statusCode, 200)
      t.same(tableRows(response.body), [], 'an empty portfolio')
      t.match(response.body, 'Your portfolio is empty.')
      const logged = lines.slice(before).map((line) => JSON.parse(line)).filter((line) => /refused a session cookie/.test(line.msg))
      t.same(logged.map((line) => line.level), [20], 'logged once, at debug')
    })
  }
  t.test('the untouched cookie still reads', async (t) => {
    const intact = await app.inject({ url: '/stocks/', headers: { cookie: `portfolio=${cookie}` } })
    t.same(tableRows(intact.body), [['AAPL', '15', '$302.17', '$4,532.55']])
  })
})

t.test('a cookie sealed under another key, or for another cookie name, does not open', async (t) => {
  const cookie = await withHolding(new Browser(await build(t, { keys: keys(KEY_B) })))
  const other = await build(t, { keys: keys(KEY_A) })
  t.same(tableRows((await other.inject({ url: '/stocks/', headers: { cookie: `portfolio=${cookie}` } })).body), [])

  const renamed = Fastify()
  await renamed.register(stockPortfolio, { key: KEY_B, cookieName: 'other' })
  t.teardown(() => renamed.close())
  const response = await renamed.inject({ url: '/stocks/', headers: { cookie: `other=${cookie}` } })
  t.equal(response.statusCode, 200)
  t.same(tableRows(response.body), [], 'the same key under another cookie name refuses it')
})

t.test('sessions expire: a cookie past its expiry is an empty session; each change renews it', async (t) => {
  const app = await build(t, { expiry: 3600 })
  const browser = new Browser(app)
  await withHolding(browser)
  const realNow = Date.now
  t.teardown(() => { Date.now = realNow })
  Date.now = () => realNow() + 3000 * 1000
  t.same(tableRows((await browser.get('/stocks/')).body).length, 1, 'still there before the hour is up')
  await browser.submit('/add_stock', VALID)
  Date.now = () => realNow() + 6000 * 1000
  // This read also writes: it takes the flash message off the session.
  t.same(tableRows((await browser.get('/stocks/')).body).length, 2, 'the second change renewed it')
  Date.now = () => realNow() + 9500 * 1000
  t.same(tableRows((await browser.get('/stocks/')).body).length, 2, 'reads alone do not renew it')
  Date.now = () => realNow() + 9700 * 1000
  t.same(tableRows((await browser.get('/stocks/')).body), [], 'gone an hour after the last write')
})

t.test('key rotation: "B,A" reads cookies sealed with A and re-issues them under B; "B" alone then still reads them', async (t) => {
  const browser = new Browser(await build(t, { keys: keys(KEY_A) }))
  await withHolding(browser)
  const rotated = new Browser(await build(t, { keys: keys(KEY_B, KEY_A) }))
  rotated.cookies.set('portfolio', browser.cookies.get('portfolio') as string)
  const response = await rotated.get('/stocks/')
  t.same(tableRows(response.body).length, 1)
  t.ok(setCookies(response).has('portfolio'), 're-issued')
  const reissued = rotated.cookies.get('portfolio') as string
  t.not(reissued, browser.cookies.get('portfolio'))

  const onlyB = await build(t, { keys: keys(KEY_B) })
  t.same(tableRows((await onlyB.inject({ url: '/stocks/', headers: { cookie: `portfolio=${reissued}` } })).body).length, 1, 'the re-issued cookie is sealed under B')
  t.same(tableRows((await onlyB.inject({ url: '/stocks/', headers: { cookie: `portfolio=${browser.cookies.get('portfolio') as string}` } })).body), [], 'a cookie sealed only under A is refused once A is dropped')
})

t.test('new cookies are sealed with the first key only, never with a fallback', async (t) => {
  const rotating = new Browser(await build(t, { keys: keys(KEY_B, KEY_A) }))
  await rotating.get('/add_stock')
  const header = `portfolio=${rotating.cookies.get('portfolio') as string}`
  // A session that opens keeps its CSRF secret, so the form page writes no new cookie.
  const underB = await (await build(t, { keys: keys(KEY_B) })).inject({ url: '/add_stock', headers: { cookie: header } })
  t.equal(setCookies(underB).size, 0, 'opens under B alone')
  const underA = await (await build(t, { keys: keys(KEY_A) })).inject({ url: '/add_stock', headers: { cookie: header } })
  t.equal(setCookies(underA).size, 1, 'does not open under A alone')
})
