import { type Holding, holdingCost, totalCost } from './holding.js'
import { type Amount, formatCount, formatMoney, toDecimalString } from './money.js'
import { encodeHolding } from './portfolio-codec.js'
import { formatShare, type Position, positionsOf } from './positions.js'
import type { PortfolioJson } from '../schemas.js'

// The portfolio as the list page (views/stocks.hbs) and the JSON answer show it: exact amounts,
// the list sorted and paged as its query asks. Everything here is text for the templates,
// which escape it.

/** Rows on one page of the list: a full cookie holds about 480 one-letter purchases. */
export const PAGE_SIZE = 50

export type ListView = 'purchases' | 'positions'
type Direction = 'asc' | 'desc'

interface Column<T> {
  key: string
  label: string
  numeric: boolean
  compare: (a: T, b: T) => number
}

const byString = (a: string, b: string): number => a < b ? -1 : a > b ? 1 : 0
const byNumber = (a: number | bigint, b: number | bigint): number => a < b ? -1 : a > b ? 1 : 0

/** A purchase with its place in the order added, which its Remove button names, and its cost. */
interface Purchase { holding: Holding, index: number, cost: Amount }

const PURCHASE_COLUMNS: Array<Column<Purchase>> = [
  { key: 'symbol', label: 'Stock Symbol', numeric: false, compare: (a, b) => byString(a.holding.symbol, b.holding.symbol) },
  { key: 'shares', label: 'Number of Shares', numeric: true, compare: (a, b) => byNumber(a.holding.shares, b.holding.shares) },
  { key: 'price', label: 'Purchase Price', numeric: true, compare: (a, b) => byNumber(a.holding.price, b.holding.price) },
  { key: 'cost', label: 'Cost', numeric: true, compare: (a, b) => byNumber(a.cost, b.cost) }
]

const POSITION_COLUMNS: Array<Column<Position>> = [
  { key: 'symbol', label: 'Stock Symbol', numeric: false, compare: (a, b) => byString(a.symbol, b.symbol) },
  { key: 'shares', label: 'Number of Shares', numeric: true, compare: (a, b) => byNumber(a.shares, b.shares) },
  { key: 'average', label: 'Average Price', numeric: true, compare: (a, b) => byNumber(a.averagePrice, b.averagePrice) },
  { key: 'cost', label: 'Cost', numeric: true, compare: (a, b) => byNumber(a.cost, b.cost) },
  { key: 'purchases', label: 'Purchases', numeric: true, compare: (a, b) => byNumber(a.purchases, b.purchases) },
  { key: 'share', label: 'Share of Cost', numeric: true, compare: (a, b) => byNumber(a.share, b.share) }
]

export interface ListQuery {
  view: ListView
  /** A column key of the view, or undefined for the order added. */
  sort: string | undefined
  dir: Direction
  page: number
}

const text = (value: unknown): string | undefined => typeof value === 'string' ? value : undefined

/** The list's query string; anything unknown, repeated or malformed means the default. */
export function readListQuery (query: Record<string, unknown>): ListQuery {
  const view: ListView = text(query.view) === 'positions' ? 'positions' : 'purchases'
  const columns: Array<{ key: string }> = view === 'positions' ? POSITION_COLUMNS : PURCHASE_COLUMNS
  const sortKey = text(query.sort)
  const sort = columns.some((column) => column.key === sortKey) ? sortKey : undefined
  const dir: Direction = text(query.dir) === 'desc' ? 'desc' : 'asc'
  const page = /^[1-9]\d{0,3}$/.test(text(query.page) ?? '') ? Number(query.page) : 1
  return { view, sort, dir, page }
}

/**
 * A link to the list, as views/partials/list-href.hbs writes it: the path, then each parameter
 * with the "?" or "&" before it (a "=" written by the template, where handlebars leaves it).
 */
export interface ListHref {
  path: string
  query: Array<{ separator: '?' | '&', name: string, value: string }>
}

function href (path: string, { view, sort, dir, page }: ListQuery): ListHref {
  const params: Array<[string, string]> = []
  if (view === 'positions') params.push(['view', view])
  if (sort !== undefined) params.push(['sort', sort], ['dir', dir])
  if (page > 1) params.push(['page', String(page)])
  return { path, query: params.map(([name, value], i) => ({ separator: i === 0 ? '?' : '&', name, value })) }
}

/** A column's header: a link that sorts by it, or turns the order round when it is the sorted one. */
export interface HeaderCell { label: string, numeric: boolean, sort: 'ascending' | 'descending' | undefined, href: ListHref }

function headerCells<T> (columns: Array<Column<T>>, path: string, query: ListQuery): HeaderCell[] {
  return columns.map(({ key, label, numeric }) => {
    const sorted = query.sort === key
    return {
      label,
      numeric,
      sort: sorted ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined,
      href: href(path, { view: query.view, sort: key, dir: sorted && query.dir === 'asc' ? 'desc' : 'asc', page: 1 })
    }
  })
}

export interface Pager { label: string, previous: ListHref | undefined, next: ListHref | undefined }

/** Sorts as the query asks and keeps the page it asks for; past the end, the last page. */
function sortedPage<T> (items: T[], columns: Array<Column<T>>, path: string, query: ListQuery): { rows: T[], pager: Pager | undefined } {
  const column = columns.find((candidate) => candidate.key === query.sort)
  const sign = query.dir === 'desc' ? -1 : 1
  // Array.prototype.sort is stable: equal values keep the order added.
  if (column !== undefined) items.sort((a, b) => sign * column.compare(a, b))
  const pages = Math.ceil(items.length / PAGE_SIZE)
  if (pages <= 1) return { rows: items, pager: undefined }
  const current = Math.min(query.page, pages)
  const first = (current - 1) * PAGE_SIZE
  const end = Math.min(first + PAGE_SIZE, items.length)
  const at = (page: number): ListHref => href(path, { view: query.view, sort: query.sort, dir: query.dir, page })
  return {
    rows: items.slice(first, end),
    pager: {
      label: `Rows ${formatCount(first + 1)} to ${formatCount(end)} of ${formatCount(items.length)}`,
      previous: current > 1 ? at(current - 1) : undefined,
      next: current < pages ? at(current + 1) : undefined
    }
  }
}

/** A purchase's row; the Remove button names it by its place and its stored record. */
export interface PurchaseRow { index: number, record: string, symbol: string, shares: string, price: string, cost: string }
export interface PositionRow { symbol: string, shares: string, averagePrice: string, cost: string, purchases: number, share: string }

export interface PortfolioList {
  /** The positions view, for the template's {{#if}}. */
  positions: boolean
  count: number
  total: string
  views: { purchases: ListHref, positions: ListHref }
  header: HeaderCell[]
  purchaseRows: PurchaseRow[]
  positionRows: PositionRow[]
  pager: Pager | undefined
}

/** The list page of a portfolio: the view asked for, sorted, one page of it; `path` is the list's. */
export function portfolioList (holdings: readonly Holding[], path: string, query: ListQuery): PortfolioList {
  const positions = query.view === 'positions'
  let header: HeaderCell[]
  let purchaseRows: PurchaseRow[] = []
  let positionRows: PositionRow[] = []
  let pager: Pager | undefined
  if (positions) {
    const page = sortedPage(positionsOf(holdings), POSITION_COLUMNS, path, query)
    header = headerCells(POSITION_COLUMNS, path, query)
    positionRows = page.rows.map(positionRow)
    pager = page.pager
  } else {
    const purchases = holdings.map((holding, index): Purchase => ({ holding, index, cost: holdingCost(holding) }))
    const page = sortedPage(purchases, PURCHASE_COLUMNS, path, query)
    header = headerCells(PURCHASE_COLUMNS, path, query)
    purchaseRows = page.rows.map(purchaseRow)
    pager = page.pager
  }
  const views = {
    purchases: href(path, { view: 'purchases', sort: undefined, dir: 'asc', page: 1 }),
    positions: href(path, { view: 'positions', sort: undefined, dir: 'asc', page: 1 })
  }
  return { positions, count: holdings.length, total: formatMoney(totalCost(holdings)), views, header, purchaseRows, positionRows, pager }
}

function purchaseRow ({ holding, index, cost }: Purchase): PurchaseRow {
  return {
    index,
    record: encodeHolding(holding),
    symbol: holding.symbol,
    shares: formatCount(holding.shares),
    price: formatMoney(holding.price),
    cost: formatMoney(cost)
  }
}

function positionRow (position: Position): PositionRow {
  return {
    symbol: position.symbol,
    shares: formatCount(position.shares),
    averagePrice: formatMoney(position.averagePrice),
    cost: formatMoney(position.cost),
    purchases: position.purchases,
    share: formatShare(position.share)
  }
}

export function portfolioJson (holdings: readonly Holding[]): PortfolioJson {
  return {
    holdings: holdings.map((holding) => ({
      symbol: holding.symbol,
      shares: holding.shares,
      price: toDecimalString(holding.price),
      cost: toDecimalString(holdingCost(holding))
    })),
    positions: positionsOf(holdings).map((position) => ({
      symbol: position.symbol,
      shares: position.shares,
      averagePrice: toDecimalString(position.averagePrice),
      cost: toDecimalString(position.cost),
      purchases: position.purchases,
      share: formatShare(position.share)
    })),
    total: toDecimalString(totalCost(holdings))
  }
}
