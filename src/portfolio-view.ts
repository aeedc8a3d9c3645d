import { type Holding, holdingCost } from './holding.js'
import { encodeHolding } from './portfolio-codec.js'
import { formatCount, formatMoney, toDecimalString } from './money.js'

// The portfolio as the list page and the JSON answer show it: exact amounts, computed once.

export interface PortfolioJson {
  holdings: Array<{ symbol: string, shares: number, price: string, cost: string }>
  total: string
}

export interface PortfolioRows {
  rows: Array<{ index: number, record: string, symbol: string, shares: string, price: string, cost: string }>
  total: string
}

function total (holdings: readonly Holding[]): bigint {
  return holdings.reduce((sum, holding) => sum + holdingCost(holding), 0n)
}

export function portfolioJson (holdings: readonly Holding[]): PortfolioJson {
  return {
    holdings: holdings.map((holding) => ({
      symbol: holding.symbol,
      shares: holding.shares,
      price: toDecimalString(holding.price),
      cost: toDecimalString(holdingCost(holding))
    })),
    total: toDecimalString(total(holdings))
  }
}

export function portfolioRows (holdings: readonly Holding[]): PortfolioRows {
  return {
    rows: holdings.map((holding, index) => ({
      index,
      record: encodeHolding(holding),
      symbol: holding.symbol,
      shares: formatCount(holding.shares),
      price: formatMoney(holding.price),
      cost: formatMoney(holdingCost(holding))
    })),
    total: formatMoney(total(holdings))
  }
}
