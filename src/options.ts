import { readFileSync } from 'node:fs'
import { type KeyInput, type KeySource, parseKeys } from './keys.js'
import { type LanguageSettings, resolveLanguage } from './i18n/settings.js'

export const DEFAULT_EXPIRY_SECONDS = 24 * 60 * 60
/** Chromium and Firefox cap a cookie's lifetime at 400 days. */
export const MAX_EXPIRY_SECONDS = 400 * 24 * 60 * 60
const DEFAULT_COOKIE_NAME = 'portfolio'

/** What an OpenAPI generator such as @fastify/swagger sees of the plugin's routes. */
export type OpenApiExposure = 'json' | 'all' | 'none'

export interface StockPortfolioOptions {
  /** 64 hex characters or a 32-byte Buffer; a list (array or comma-separated) rotates keys. */
  key: KeyInput
  /**
   * Name of the plugin's own session cookie. Default at the root `portfolio` (`__Host-portfolio`
   * when the cookie is Secure); under a prefix `portfolio` and the prefix with its slashes as
   * underscores (`portfolio_shop_p` at `/shop/p`), so mounts that nest never share a name.
   */
  cookieName?: string
  /** Seconds a session lives after its last change. Default 86400 (24 h). */
  expiry?: number
  /** Mark the cookie Secure (sent over HTTPS only). Default: true when NODE_ENV=production. */
  secure?: boolean
  /**
   * The host's own handlebars layout for the pages: a path to a file, or `{ template }`. It
   * gets `body` (the page, to write as `{{{body}}}`), `title` and `paths`. Default: the
   * plugin's own layout.
   */
  layout?: string | { template: string }
  /**
   * Which routes an OpenAPI generator documents: `json` (default) only `GET /stocks/`, the
   * portfolio as JSON; `all` the HTML pages and forms too; `none` nothing.
   */
  openapi?: OpenApiExposure
  /**
   * Tags for the routes an OpenAPI generator documents, as in a route schema's `tags`; a host
   * whose @fastify/swagger sets `hideUntagged: true` needs one. Default: none.
   */
  openapiTags?: string[]
  /**
   * The languages the pages are offered in, as BCP 47 tags: of the shipped `en` and `de`, or any
   * other given every message in `messages`. Default: every shipped one. The visitor's is
   * negotiated from Accept-Language, and a switch on every page keeps a choice in the session.
   */
  locales?: string[]
  /** The language of a visitor who asks for none of `locales`. Default `en`, or the first of `locales`. */
  defaultLocale?: string
  /**
   * A host's own words: per locale, message key to message, over the shipped catalogue
   * (`{ de: { 'list.title': 'Meine Aktien' } }`). The keys are those of the English catalogue
   * (dist/src/i18n/catalogues/en.d.ts in the package).
   */
  messages?: Record<string, Record<string, string>>
  /** The ISO 4217 code of the currency every amount is in, shown as each locale writes it. Default `USD`. */
  currency?: string
}

export interface ResolvedOptions extends LanguageSettings {
  keys: Buffer[]
  cookieName: string
  /** The cookie's Path: the prefix without a trailing slash, or / at the root. */
  cookiePath: string
  expiry: number
  secure: boolean
  /** The host's layout template, when it gave one. */
  layout: string | undefined
  openapi: OpenApiExposure
  openapiTags: string[] | undefined
}

const KEY_SOURCE: KeySource = {
  name: 'option key',
  howTo: 'npx fastify-stock-portfolio genkey prints one, as does generateKey() from this package; keep it in your app\'s secrets, not in code'
}

/** RFC 6265 cookie-name: an HTTP token. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

function fail (message: string): never {
  throw new TypeError(`fastify-stock-portfolio: ${message}`)
}

function readLayout (layout: unknown): string | undefined {
  if (layout === undefined) return undefined
  if (typeof layout === 'object' && layout !== null && typeof (layout as { template?: unknown }).template === 'string') {
    return (layout as { template: string }).template
  }
  if (typeof layout !== 'string') fail('option layout must be a path to a handlebars file or { template: string }')
  try {
    return readFileSync(layout, 'utf8')
  } catch (error) {
    fail(`option layout: cannot read ${layout} (${String((error as NodeJS.ErrnoException).code)})`)
  }
}

/**
 * The cookie's name where none is given. A browser sends every cookie whose Path covers the
 * page, so a mount inside another would get both mounts' cookies under one name: the prefix
 * is part of the name, one character for one, so nested prefixes (of different lengths) never
 * give the same name. A __Host- cookie cannot be set by a sibling subdomain nor shadowed by one
 * with a longer Path.
 */
function defaultCookieName (cookiePath: string, secure: boolean): string {
  if (cookiePath === '/') return secure ? `__Host-${DEFAULT_COOKIE_NAME}` : DEFAULT_COOKIE_NAME
  return DEFAULT_COOKIE_NAME + cookiePath.replace(/[^!#$%&'*+\-.^`|~0-9A-Za-z]/g, '_')
}

/**
 * Checks the options against the mount point; every error names the option and what is wrong.
 * `cookiePath` is where the plugin is mounted: the cookie's Path.
 */
export function resolveOptions (options: Partial<StockPortfolioOptions>, cookiePath = '/'): ResolvedOptions {
  const { expiry = DEFAULT_EXPIRY_SECONDS, secure = process.env.NODE_ENV === 'production', openapi = 'json' } = options
  if (typeof secure !== 'boolean') fail('option secure must be a boolean')
  const { cookieName = defaultCookieName(cookiePath, secure) } = options
  if (typeof cookieName !== 'string' || !COOKIE_NAME.test(cookieName)) {
    fail('option cookieName must be a cookie name: letters, digits and !#$%&\'*+-.^_`|~ only')
  }
  if (/^__host-/i.test(cookieName) && (!secure || cookiePath !== '/')) {
    fail(`option cookieName "${cookieName}": browsers keep a __Host- cookie only when it is Secure and its Path is /; mounted at ${cookiePath}${secure ? '' : ' without secure: true'}, use a __Secure- name or none`)
  }
  if (/^__secure-/i.test(cookieName) && !secure) {
    fail(`option cookieName "${cookieName}": browsers keep a __Secure- cookie only when it is Secure; set secure: true (it needs HTTPS)`)
  }
  if (!Number.isInteger(expiry) || expiry < 1 || expiry > MAX_EXPIRY_SECONDS) {
    fail(`option expiry must be a whole number of seconds from 1 to ${MAX_EXPIRY_SECONDS}`)
  }
  if (!['json', 'all', 'none'].includes(openapi)) fail('option openapi must be "json", "all" or "none"')
  const { openapiTags } = options
  if (openapiTags !== undefined && (!Array.isArray(openapiTags) || !openapiTags.every((tag) => typeof tag === 'string' && tag !== ''))) {
    fail('option openapiTags must be an array of tag names, such as [\'portfolio\']')
  }
  let keys: Buffer[]
  let language: LanguageSettings
  try {
    keys = parseKeys(options.key, KEY_SOURCE)
    language = resolveLanguage(options)
  } catch (error) {
    fail((error as Error).message)
  }
  return { keys, cookieName, cookiePath, expiry, secure, layout: readLayout(options.layout), openapi, openapiTags, ...language }
}
