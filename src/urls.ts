import { stylesheet } from './stylesheet.js'

/** Every URL the pages link to, under the prefix the plugin was registered with. */
export interface SitePaths {
  /** The prefix without its trailing slash, percent-encoded as browsers send it: "" at the root. */
  base: string
  /** The session cookie's Path: the base, or / at the root. */
  cookiePath: string
  stocks: string
  addStock: string
  removeHolding: string
  clearHoldings: string
  exportCsv: string
  importCsv: string
  /** The language switch's form. */
  language: string
  stylesheet: string
}

/** The longest page address the language switch takes back (plugins/views.ts keeps within it). */
export const BACK_MAX_LENGTH = 1000

/** The plugin's paths, decorated on its instance: internal, so a symbol, not a name. */
export const kPaths: unique symbol = Symbol('fastify-stock-portfolio/paths')

declare module 'fastify' {
  interface FastifyInstance {
    [kPaths]: SitePaths
  }
}

/** A path or prefix without its trailing slashes: "/portfolio/" is "/portfolio", "/" is "". */
export const withoutTrailingSlashes = (path: string): string => path.replace(/\/+$/, '')

/**
 * "/portfolio/" and "/portfolio" alike give links under "/portfolio". A prefix's characters that
 * a browser percent-encodes ("/portföljen", "/my portfolio") are encoded here as it encodes them:
 * the cookie's Path is compared with the address as sent, and a Location must be ASCII.
 */
export function sitePaths (prefix: string): SitePaths {
  const base = encodeURI(withoutTrailingSlashes(prefix))
  return {
    base,
    cookiePath: base === '' ? '/' : base,
    stocks: `${base}/stocks/`,
    addStock: `${base}/add_stock`,
    removeHolding: `${base}/stocks/remove`,
    clearHoldings: `${base}/stocks/clear`,
    exportCsv: `${base}/stocks/portfolio.csv`,
    importCsv: `${base}/stocks/import`,
    language: `${base}/language`,
    stylesheet: `${base}/assets/portfolio.css?${stylesheet.version}`
  }
}
