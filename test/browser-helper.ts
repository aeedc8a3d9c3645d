import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Test } from 'tap'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { FastifyInstance } from 'fastify'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * The browser suites need Debian's Chromium. Without it they are skipped, and say so on every
 * run; in CI (.ci/run installs it) a missing Chromium is a failure, not a skip.
 */
export function browserSkip (): string | false {
  if (existsSync(CHROMIUM)) return false
  const message = `BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`
  if (process.env.CI === 'true') throw new Error(message)
  console.error(`\n*** ${message} ***\n`)
  return message
}

// Without the background-networking flags Chromium floods the closed network here.
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'
]

export async function launch (t: Test): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS })
  t.teardown(() => browser.close())
  return browser
}

/** Starts `app` on a loopback port; returns its base URL. */
export async function serve (t: Test, app: FastifyInstance): Promise<string> {
  t.teardown(() => app.close())
  return app.listen({ host: '127.0.0.1', port: 0 })
}

/** A page in a fresh context (its own cookie jar: another person) that records CSP reports. */
export async function person (browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext, page: Page, cspViolations: string[] }> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  const cspViolations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
  })
  return { context, page, cspViolations }
}

export async function addStock (page: Page, base: string, symbol: string, shares: string, price: string): Promise<void> {
  await page.goto(`${base}/add_stock`)
  await page.getByLabel('Stock Symbol').fill(symbol)
  await page.getByLabel('Number of Shares').fill(shares)
  await page.getByLabel('Purchase Price').fill(price)
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Add Stock' }).click()])
  await page.waitForLoadState('load')
}

/** The holdings table's body rows as text, without the actions column. */
export async function rows (page: Page): Promise<string[][]> {
  return page.locator('table.holdings tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td:not(:has(button))')].map((td) => td.textContent?.trim() ?? '')))
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Runs axe-core in the page (evaluated, so the page's CSP does not apply) and returns its violations. */
export async function axeViolations (page: Page): Promise<string[]> {
  await page.evaluate(axeSource)
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string, nodes: Array<{ target: string[] }> }> }> } }).axe
    return axe.run()
  })
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}
