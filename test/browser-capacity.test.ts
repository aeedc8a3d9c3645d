import t from 'tap'
import { build } from './helper.js'
import { addStock, browserSkip, launch, person, rows, serve } from './browser-helper.js'

const skip = browserSkip()
// A real browser beside the rest of the suite took up to 25 s on a busy 2-core machine, far
// past tap's default 30 s once other work takes the cores too (docs/testing.md).
t.setTimeout(300_000)

t.test('filling the portfolio to capacity in the browser: refused in plain words, nothing lost', { skip }, async (t) => {
  const browser = await launch(t)
  const base = await serve(t, await build(t))
  const { page, context } = await person(browser)
  await page.goto(`${base}/add_stock`)
  const token = await page.locator('input[name="_csrf"]').inputValue()
  // The bulk of the purchases go through the context's request API, which shares the
  // browser's cookie jar; the last ones go through the form like a person's.
  let added = 0
  for (;; added++) {
    const response = await context.request.post(`${base}/add_stock`, {
      form: { stock_symbol: `S${String(added).padStart(3, '0')}`, number_of_shares: '150', purchase_price: '302.17', _csrf: token },
      maxRedirects: 0
    })
    if (response.status() !== 302) {
      t.equal(response.status(), 409)
      break
    }
  }
  t.ok(added >= 150, `${added} holdings fit`)

  await addStock(page, base, 'LAST', '150', '302.17')
  t.equal(new URL(page.url()).pathname, '/add_stock', 'the refused form stays on the form')
  t.match(await page.getByRole('alert').textContent(), `Your portfolio is full: ${added} holdings are the most one browser cookie can carry.`)
  t.equal(await page.getByLabel('Stock Symbol').inputValue(), 'LAST', 'the values entered are kept')

  await page.goto(`${base}/stocks/`)
  t.same((await rows(page))[0], ['S000', '150', '$302.17', '$45,325.50'])
  t.equal(await page.getByRole('navigation', { name: 'Pages' }).locator('span').textContent(), `Rows 1 to 50 of ${added}`, 'every earlier holding is still listed')
  while (await page.getByRole('link', { name: 'Next' }).count() > 0) await page.getByRole('link', { name: 'Next' }).click()
  t.same((await rows(page)).at(-1)?.[0], `S${String(added - 1).padStart(3, '0')}`, 'the last page ends with the last one added')
  const [cookie] = await context.cookies()
  t.ok(cookie !== undefined && cookie.name.length + 1 + cookie.value.length <= 4096, 'the browser kept the cookie: it is within 4096 bytes')
})
