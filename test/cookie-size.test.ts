import t from 'tap'
import Fastify from 'fastify'
import session, { type PortfolioSessionData, sealedCookieLength } from '../plugins/session.js'
import { type Cookie, cookieBytes, KEY_A, keyBuffer, setCookies } from './helper.js'

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
    data = { csrf: 'c'.repeat(24), holdings: 'AAPL 150 302.17,'.repeat(i).slice(0, -1), flash: i % 2 === 0 ? 'Added.' : undefined }
    // Each size is sealed a few times: base64's + and / fall differently with every nonce.
    for (let round = 0; round < 3; round++) {
      const cookie = setCookies(await app.inject('/')).get('portfolio') as Cookie
      t.equal(sealedCookieLength('portfolio', data), cookieBytes(cookie), `${i} holdings, round ${round + 1}`)
      t.same(app.decodeSecureSession(cookie.value, undefined, 'portfolioSession')?.data(), JSON.parse(JSON.stringify(data)))
    }
  }
})
