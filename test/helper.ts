import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import { buildApp } from '../src/server/app.js'
import { loadConfig, type ServerConfig } from '../src/server/config.js'
import { generateKey } from '../src/keys.js'
import { encodeCookieValue } from '../plugins/session.js'
import { type Locale, makeLocale } from '../src/i18n/locale.js'
import { resolveLanguage } from '../src/i18n/settings.js'

// Keys for the tests, made fresh on each run like real ones.
export const KEY_A = generateKey()
export const KEY_B = generateKey()
export const KEY_C = generateKey()
/** A key as a 32-byte Buffer. */
export const keyBuffer = (hex: string): Buffer => Buffer.from(hex, 'hex')

/**
 * The standalone server's configuration, read as production reads it, except load shedding:
 * a test process busy with fast-check or a browser on a loaded CI machine can pass a 1 s
 * event-loop delay, and a 503 there is not what those tests are about. The delay check is off
 * (0), not merely high: after two stalls of a second in a row @fastify/under-pressure finds no
 * sample in its interval and counts the delay as infinite, whatever the threshold (a browser
 * test got 503 so in CI). The tests of load shedding set their own: hostile-clients the
 * standalone server's memory threshold, under-pressure fastify/demo's event-loop settings.
 */
export function testConfig (overrides: Partial<ServerConfig> = {}): ServerConfig {
  const config = loadConfig({ SESSION_KEY: KEY_A, LOG_LEVEL: 'silent' })
  const limits = { ...config.limits, maxEventLoopDelay: 0, maxHeapUsedBytes: 2 ** 40, maxRssBytes: 2 ** 40 }
  return { ...config, limits, port: 0, ...overrides }
}

/** The standalone app, built the way src/server/server.ts builds it, closed when the test ends. */
export async function build (t: Test, overrides: Partial<ServerConfig> = {}): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(overrides))
  t.teardown(() => app.close())
  return app
}

export const VALID = { stock_symbol: 'AAPL', number_of_shares: '15', purchase_price: '302.17' }

/** A cookie as light-my-request's `response.cookies` gives it. */
export type Cookie = LightMyRequestResponse['cookies'][number]

/** The cookies a response sets, by name, as light-my-request parses them (values URL-decoded). */
export function setCookies (response: LightMyRequestResponse): Map<string, Cookie> {
  return new Map(response.cookies.map((cookie) => [cookie.name, cookie]))
}

/** The value as it was sent, and as a browser sends it back: the parser URL-decoded it. */
const sentValue = (cookie: Cookie): string => encodeCookieValue(cookie.value)

/** The bytes of `name=value` as sent, which is what a browser's 4096-byte limit counts. */
export function cookieBytes (cookie: Cookie): number {
  return cookie.name.length + 1 + sentValue(cookie).length
}

/**
 * A cookie jar over inject, keeping cookies the way a browser does (by name; a cookie set
 * to expire is dropped), so a test reads like a person clicking through the pages.
 */
export class Browser {
  readonly cookies = new Map<string, string>()

  constructor (readonly app: FastifyInstance) {}

  cookieHeader (): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  async request (options: { method?: 'GET' | 'POST', url: string, headers?: Record<string, string>, payload?: string }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers }
    if (this.cookies.size > 0 && headers.cookie === undefined) headers.cookie = this.cookieHeader()
    const response = await this.app.inject({ method: options.method ?? 'GET', url: options.url, headers, payload: options.payload })
    for (const cookie of response.cookies) {
      if (cookie.maxAge !== undefined && cookie.maxAge <= 0) this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, sentValue(cookie))
    }
    return response
  }

  get (url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.request({ url, headers })
  }

  /** POSTs a urlencoded form exactly as given (no token added). */
  postRaw (url: string, payload: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.request({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }
    })
  }

  /** Loads the form page for its CSRF token, then submits `fields` with it, as a person would. */
  async submit (formUrl: string, fields: Record<string, string>, action = formUrl): Promise<LightMyRequestResponse> {
    const token = csrfToken((await this.get(formUrl)).body)
    return this.postRaw(action, new URLSearchParams({ ...fields, _csrf: token }).toString())
  }
}

/** How many purchases the portfolio holds, as its JSON answer counts them. */
export async function holdingCount (browser: Browser, url = '/stocks/'): Promise<number> {
  return ((await browser.get(url, { accept: 'application/json' })).json() as { count: number }).count
}

export function csrfToken (html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  if (match === null) throw new Error('no CSRF token on the page')
  return match[1] as string
}

/** The text of the holdings table's body rows, one array per row, without the actions cell. */
export function tableRows (html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? ''
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...(row as string).matchAll(/<td(?: data-label="[^"]*")?>([\s\S]*?)<\/td>/g)].map(([, cell]) => (cell as string).trim()).filter((cell) => !cell.startsWith('<button')))
}

/** A shipped locale as the plugin makes it, for the view models' tests. */
export function locale (tag: string, currency = 'USD'): Locale {
  const { messages } = resolveLanguage({ locales: [tag], currency }).locales[0] as { messages: Parameters<typeof makeLocale>[1] }
  return makeLocale(tag, messages, currency)
}
export const english = locale('en')
