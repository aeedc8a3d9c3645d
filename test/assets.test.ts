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
  // A 20 KB file is sent whole: a Range, even past its end, is ignored rather than a bare 416.
  const ranged = await browser.app.inject({ url: href, headers: { range: 'bytes=999999-' } })
  t.equal(ranged.statusCode, 200, 'a Range past the end: the whole file')
  t.equal(ranged.body, css.body)
})

t.test('only the current version\'s URL is immutable; any copy is revalidated by its ETag', async (t) => {
  const app = await build(t)
  const href = /<link rel="stylesheet" href="([^"]+)">/.exec((await app.inject('/stocks/')).body)?.[1] as string
  const current = await app.inject(href)
  const etag = current.headers.etag as string
  t.match(etag, /^"[\w-]{12}"$/)
  for (const url of ['/assets/portfolio.css', '/assets/portfolio.css?AAAAAAAAAAAA', `${href}x`]) {
    const response = await app.inject(url)
    t.equal(response.statusCode, 200, url)
    t.equal(response.headers['cache-control'], 'no-cache', `${url}: not immutable`)
    t.equal(response.body, current.body, `${url}: the same file`)
  }
  for (const tag of [etag, `W/${etag}`, `"old", ${etag}`, '*']) {
    const revalidated = await app.inject({ url: '/assets/portfolio.css', headers: { 'if-none-match': tag } })
    t.equal(revalidated.statusCode, 304, tag)
    t.equal(revalidated.body, '')
  }
  t.equal((await app.inject({ url: href, headers: { 'if-none-match': '"old"' } })).statusCode, 200, 'another version: the file')
  const head = await app.inject({ method: 'HEAD', url: href })
  t.equal(head.statusCode, 200)
  t.equal(head.headers['content-length'], current.headers['content-length'])
})
