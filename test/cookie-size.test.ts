import t from 'tap'
import Fastify from 'fastify'
import session, { type PortfolioSessionData } from '../plugins/session.js'
import { sealedCookieLength } from '../plugins/cookie-size.js'
import { type Cookie, cookieBytes, KEY_A, keyBuffer, setCookies } from './helper.js'

// No message; a plain one, counted without JSON; one JSON escapes or writes in several bytes.
const MESSAGES = [undefined, 'Added.', 'Added "S&P" \\ 1\u00e9 \u2026 \u2028 \n \u007f \ud83d.']

t.test('sealedCookieLength predicts the real cookie, byte for byte, at every size', async (t) => {
  const app = Fastify()
  await app.register(session, { keys: [keyBuffer(KEY_A)], cookieName: 'portfolio', cookiePath: '/', expiry: 60, secure: false })
  let data: Partial<PortfolioSessionData> = {}
  app.get('/', async (request) => {
    for (const [key, value] of Object.entries(data)) request.portfolioSession.set(key as keyof PortfolioSessionData, value)
    return 'ok'
  })
  t.teardown(() => app.close())

  for (let i = 0; i < 300; i += 7) {
    data = { csrf: 'c'.repeat(24), holdings: 'AAPL 150 302.17,'.repeat(i).slice(0, -1), flash: MESSAGES[i % MESSAGES.length] }
    // Each size is sealed a few times: base64's + and / fall differently with every nonce.
    for (let round = 0; round < 3; round++) {
      const cookie = setCookies(await app.inject('/')).get('portfolio') as Cookie
      t.equal(sealedCookieLength('portfolio', data), cookieBytes(cookie), `${i} holdings, round ${round + 1}`)
      t.same(app.decodeSecureSession(cookie.value, undefined, 'portfolioSession')?.data(), JSON.parse(JSON.stringify(data)))
    }
  }
})
