import { type KeyInput, parseKeys } from './keys.js'

export const DEFAULT_EXPIRY_SECONDS = 24 * 60 * 60
/** Chromium and Firefox cap a cookie's lifetime at 400 days. */
export const MAX_EXPIRY_SECONDS = 400 * 24 * 60 * 60

export interface StockPortfolioOptions {
  /** 64 hex characters or a 32-byte Buffer; a list (array or comma-separated) rotates keys. */
  key: KeyInput
  /** Name of the plugin's own session cookie. Default `portfolio`. */
  cookieName?: string
  /** Seconds a session lives after its last change. Default 86400 (24 h). */
  expiry?: number
  /** Mark the cookie Secure (HTTPS only). Default: true when NODE_ENV=production. */
  secure?: boolean
}

export interface ResolvedOptions {
  keys: Buffer[]
  cookieName: string
  expiry: number
  secure: boolean
}

/** RFC 6265 cookie-name: an HTTP token. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

function fail (message: string): never {
  throw new TypeError(`fastify-stock-portfolio: ${message}`)
}

export function resolveOptions (options: Partial<StockPortfolioOptions>): ResolvedOptions {
  const { cookieName = 'portfolio', expiry = DEFAULT_EXPIRY_SECONDS, secure = process.env.NODE_ENV === 'production' } = options
  if (typeof cookieName !== 'string' || !COOKIE_NAME.test(cookieName)) {
    fail('option cookieName must be a cookie name: letters, digits and !#$%&\'*+-.^_`|~ only')
  }
  if (!Number.isInteger(expiry) || expiry < 1 || expiry > MAX_EXPIRY_SECONDS) {
    fail(`option expiry must be a whole number of seconds from 1 to ${MAX_EXPIRY_SECONDS}`)
  }
  if (typeof secure !== 'boolean') fail('option secure must be a boolean')
  let keys: Buffer[]
  try {
    keys = parseKeys(options.key, 'option key')
  } catch (error) {
    fail((error as Error).message)
  }
  return { keys, cookieName, expiry, secure }
}
