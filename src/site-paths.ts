/** Every URL the pages link to, under the prefix the plugin was registered with. */
export interface SitePaths {
  stocks: string
  addStock: string
  removeHolding: string
  clearHoldings: string
  assets: string
}

export function sitePaths (prefix: string): SitePaths {
  return {
    stocks: `${prefix}/stocks/`,
    addStock: `${prefix}/add_stock`,
    removeHolding: `${prefix}/stocks/remove`,
    clearHoldings: `${prefix}/stocks/clear`,
    assets: `${prefix}/assets/`
  }
}
