/** Every URL the pages link to, under the prefix the plugin was registered with. */
export interface SitePaths {
  stocks: string
  addStock: string
  removeHolding: string
  clearHoldings: string
  exportCsv: string
  importCsv: string
  stylesheet: string
}

/** The prefix as links are built from it: "/portfolio/" and "/portfolio" alike give "/portfolio". */
export function basePath (prefix: string): string {
  return prefix.replace(/\/+$/, '')
}

/** `styleVersion` changes with the stylesheet's content, so browsers may cache it for good. */
export function sitePaths (prefix: string, styleVersion: string): SitePaths {
  const base = basePath(prefix)
  return {
    stocks: `${base}/stocks/`,
    addStock: `${base}/add_stock`,
    removeHolding: `${base}/stocks/remove`,
    clearHoldings: `${base}/stocks/clear`,
    exportCsv: `${base}/stocks/portfolio.csv`,
    importCsv: `${base}/stocks/import`,
    stylesheet: `${base}/assets/portfolio.css?${styleVersion}`
  }
}
