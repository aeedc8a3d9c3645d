/** Every URL the pages link to, under the prefix the plugin was registered with. */
export interface SitePaths {
  stocks: string
  addStock: string
  removeHolding: string
  clearHoldings: string
  stylesheet: string
}

/** `styleVersion` changes with the stylesheet's content, so browsers may cache it for good. */
export function sitePaths (prefix: string, styleVersion: string): SitePaths {
  return {
    stocks: `${prefix}/stocks/`,
    addStock: `${prefix}/add_stock`,
    removeHolding: `${prefix}/stocks/remove`,
    clearHoldings: `${prefix}/stocks/clear`,
    stylesheet: `${prefix}/assets/portfolio.css?${styleVersion}`
  }
}
