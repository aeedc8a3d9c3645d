import t from 'tap'
import { build, Browser } from './helper.js'

t.test('the stylesheet is served under the prefix, cacheable, without touching the session', async (t) => {
  const browser = new Browser(await build(t))
  const page = (await browser.get('/stocks/')).body
  const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page)?.[1] as string
  t.match(href, /^\/assets\/portfolio\.css\?[\w-]{12}$/)
  const css = await browser.app.inject({ url: href, headers: { cookie: 'portfolio=garbage' } })
  t.equal(css.statusCode, 200)
  t.match(css.headers['content-type'], /^text\/css/)
  t.match(css.headers['cache-control'], /max-age=31536000, immutable/)
  t.same(css.cookies, [])
  t.notMatch(css.headers.vary ?? '', 'Cookie')
  t.match(css.body, '.portfolio .num, .portfolio tbody td:not(:first-child) { text-align: right;')
  t.equal((await browser.get('/assets/missing.css')).statusCode, 404)
})
