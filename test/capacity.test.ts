import t from 'tap'
import { build, Browser, type Cookie, cookieBytes, csrfToken, holdingCount, setCookies, tableRows } from './helper.js'

const symbol = (i: number): string => `S${String(i).padStart(3, '0')}`

/** Adds realistic holdings (4-letter symbol, 3-digit shares, 2-decimal price) until refused. */
async function fill (browser: Browser): Promise<{ added: number, refusal: Awaited<ReturnType<Browser['postRaw']>>, longestCookie: number }> {
  const token = csrfToken((await browser.get('/add_stock')).body)
  let longestCookie = 0
  for (let i = 0; ; i++) {
    const response = await browser.postRaw('/add_stock', `stock_symbol=${symbol(i)}&number_of_shares=150&purchase_price=302.17&_csrf=${token}`)
    if (response.statusCode !== 302) return { added: i, refusal: response, longestCookie }
    longestCookie = Math.max(longestCookie, cookieBytes(setCookies(response).get('portfolio') as Cookie))
  }
}

t.test('at least 150 realistic holdings fit in one cookie of at most 4096 bytes; the next is a 409 that loses nothing', async (t) => {
  const browser = new Browser(await build(t))
  const { added, refusal, longestCookie } = await fill(browser)
  t.ok(added >= 150, `${added} holdings fit`)
  t.ok(longestCookie <= 4096, `the longest cookie was ${longestCookie} bytes`)
  t.ok(longestCookie > 4000, 'the limit is used, not wasted')
  t.equal(refusal.statusCode, 409)
  t.match(refusal.body, `Your portfolio is full: ${added} holdings are the most one browser cookie can carry.`)
  t.match(refusal.body, `value="${symbol(added)}"`, 'the refused values are kept in the form')
  t.equal(setCookies(refusal).size, 0, 'the session is exactly as it was')
  t.equal(await holdingCount(browser), added)
  const rows = tableRows((await browser.get('/stocks/')).body)
  t.same(rows[0], ['S000', '150', '$302.17', '$45,325.50'])
  const lastPage = tableRows((await browser.get(`/stocks/?page=${Math.ceil(added / 50)}`)).body)
  t.same(lastPage.at(-1)?.[0], symbol(added - 1), 'the last page ends with the last purchase')
})

t.test('at capacity, remove keeps the cookie within 4096 bytes, dropping a message that has no room', async (t) => {
  const browser = new Browser(await build(t))
  const { added } = await fill(browser)
  let page = (await browser.get('/stocks/')).body
  const token = csrfToken(page)
  // A stale row: nothing changes but the long message, which a full cookie has no room for.
  const stale = await browser.postRaw('/stocks/remove', `_csrf=${token}&holding=0+ZZZZ+1+1`)
  t.equal(stale.statusCode, 302)
  t.ok(cookieBytes(setCookies(stale).get('portfolio') as Cookie) <= 4096, 'within 4096 bytes')
  page = (await browser.get('/stocks/')).body
  t.equal(await holdingCount(browser), added, 'nothing was lost')
  t.notMatch(page, 'Nothing was removed', 'the message had no room and was dropped')
  // A row or two freed may not make room for the message; three do.
  for (const row of ['S000', 'S001', 'S002']) {
    const removed = await browser.postRaw('/stocks/remove', `_csrf=${token}&holding=0+${row}+150+302.17`)
    t.ok(cookieBytes(setCookies(removed).get('portfolio') as Cookie) <= 4096)
  }
  page = (await browser.get('/stocks/')).body
  t.equal(await holdingCount(browser), added - 3)
  t.match(page, 'Removed 150 shares of S002 at $302.17.', 'a message that fits is shown')
})
