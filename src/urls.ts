/** Every URL the pages link to, under the prefix the plugin was registered with. */
export interface SitePaths {
  /** The prefix without its trailing slash: "" at the root. */
  base: string
  /** The session cookie's Path: the base, or / at the root. */
  cookiePath: string
  stocks: string
  addStock: string
  removeHolding: string
  clearHoldings: string
  exportCsv: string
  importCsv: string
  stylesheet: string
}

/**
 * Links are built from the prefix without its trailing slash: "/portfolio/" and "/portfolio"
 * alike give "/portfolio". `styleVersion` changes with the stylesheet's content, so browsers
 * may cache it for good.
 */
export function sitePaths (prefix: string, styleVersion: string): SitePaths {
  const base = prefix.replace(/\/+$/, '')
  return {
    base,
    cookiePath: base === '' ? '/' : base,
    stocks: `${base}/stocks/`,
    addStock: `${base}/add_stock`,
    removeHolding: `${base}/stocks/remove`,
    clearHoldings: `${base}/stocks/clear`,
    exportCsv: `${base}/stocks/portfolio.csv`,
    importCsv: `${base}/stocks/import`,
    stylesheet: `${base}/assets/portfolio.css?${styleVersion}`
  }
}
