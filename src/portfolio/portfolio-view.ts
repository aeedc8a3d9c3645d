import { type Holding, holdingCost } from './holding.js'
import { escapeHtml, positionRows, purchaseRows } from './portfolio-html.js'
import { type Amount, formatCount, formatMoney, toDecimalString } from './money.js'
import { type PortfolioRead, readPortfolio } from './portfolio-codec.js'
import { formatShare, type Position, positionsOf } from './positions.js'
import type { PortfolioJson } from '../schemas.js'

// The portfolio as the list page and the JSON answer show it: exact amounts, the list sorted
// and paged as its query asks.

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

/** A purchase with its place in the order added and its cost, computed once for sorting. */
interface Indexed { holding: Holding, index: number, cost: Amount }

const PURCHASE_COLUMNS: Array<Column<Indexed>> = [
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
 * A link to the list, already escaped for an HTML attribute (the templates write it as is):
 * only the base path, from the prefix, can hold a character to escape; the query is the
 * view, column and page names of this module. Handlebars would also escape every "=".
 */
function href (base: string, { view, sort, dir, page }: ListQuery): string {
  const params = [
    view === 'positions' ? 'view=positions' : '',
    sort === undefined ? '' : `sort=${sort}&amp;dir=${dir}`,
    page > 1 ? `page=${page}` : ''
  ].filter(Boolean)
  const path = escapeHtml(base)
  return params.length === 0 ? path : `${path}?${params.join('&amp;')}`
}

function sorted<T> (items: T[], columns: Array<Column<T>>, { sort, dir }: ListQuery): T[] {
  const column = columns.find((candidate) => candidate.key === sort)
  if (column === undefined) return items
  const sign = dir === 'desc' ? -1 : 1
  // Array.prototype.sort is stable: equal values keep the order added.
  return items.sort((a, b) => sign * column.compare(a, b))
}

const headCache = new Map<string, string>()

/**
 * The header row: each column a link that sorts by it (the sorted one's link turns the order
 * round) with aria-sort on the sorted one. It depends on the query alone, so it is built once
 * per base, view and order, and kept.
 */
function headHtml<T> (base: string, columns: Array<Column<T>>, query: ListQuery, actions: boolean): string {
  const key = `${base}|${query.view}|${query.sort ?? ''}|${query.dir}`
  let html = headCache.get(key)
  if (html === undefined) {
    html = '<tr>' + columns.map(({ key, label, numeric }) => {
      const current = query.sort === key
      const link = href(base, { view: query.view, sort: key, dir: current && query.dir === 'asc' ? 'desc' : 'asc', page: 1 })
      const sorted = current ? ` aria-sort="${query.dir === 'asc' ? 'ascending' : 'descending'}"` : ''
      return `<th scope="col"${numeric ? ' class="num"' : ''}${sorted}><a href="${link}">${label}</a></th>`
    }).join('') + (actions ? '<th scope="col" class="actions"><span class="visually-hidden">Actions</span></th>' : '') + '</tr>'
    headCache.set(key, html)
  }
  return html
}

export interface Pager { label: string, previous: string | undefined, next: string | undefined }

export interface PortfolioList {
  /** The positions view, for the template's {{#if}}. */
  positions: boolean
  count: number
  links: { purchases: string, positions: string }
  /** The table's header row and body rows, escaped HTML (see src/portfolio/portfolio-html.ts). */
  head: string
  body: string
  total: string
  pager: Pager | undefined
}

/** The places of the page the query asks for, out of `count` items; past the end, the last page. */
function pageOf (count: number, base: string, query: ListQuery): { first: number, end: number, pager: Pager | undefined } {
  const pages = Math.ceil(count / PAGE_SIZE)
  if (pages <= 1) return { first: 0, end: count, pager: undefined }
  const current = Math.min(query.page, pages)
  const first = (current - 1) * PAGE_SIZE
  const end = Math.min(first + PAGE_SIZE, count)
  return {
    first,
    end,
    pager: {
      label: `Rows ${formatCount(first + 1)} to ${formatCount(end)} of ${formatCount(count)}`,
      previous: current > 1 ? href(base, { view: query.view, sort: query.sort, dir: query.dir, page: current - 1 }) : undefined,
      next: current < pages ? href(base, { view: query.view, sort: query.sort, dir: query.dir, page: current + 1 }) : undefined
    }
  }
}

const linkCache = new Map<string, PortfolioList['links']>()

/** The links that switch views, each in the order added; one pair per base, kept. */
function viewLinks (base: string): PortfolioList['links'] {
  let links = linkCache.get(base)
  if (links === undefined) {
    const first: ListQuery = { view: 'purchases', sort: undefined, dir: 'asc', page: 1 }
    links = { purchases: href(base, first), positions: href(base, { ...first, view: 'positions' }) }
    linkCache.set(base, links)
  }
  return links
}

/** Every item sorted as the query asks, and the page of them shown. */
function sortedPage<T> (items: T[], columns: Array<Column<T>>, base: string, query: ListQuery): { rows: T[], pager: Pager | undefined } {
  const shown = pageOf(items.length, base, query)
  return { rows: sorted(items, columns, query).slice(shown.first, shown.end), pager: shown.pager }
}

/**
 * The list page of a stored portfolio: the view asked for, sorted, one page of it; `base` is
 * the list's path. (Written out without object spread, which measured 2 µs a page here.)
 */
export function portfolioList (encoded: string | undefined, base: string, query: ListQuery): PortfolioList {
  const positions = query.view === 'positions'
  let read: PortfolioRead
  let head: string
  let body: string
  let pager: Pager | undefined
  if (positions) {
    read = readPortfolio(encoded, 0, Infinity)
    const shown = sortedPage(positionsOf(read.holdings), POSITION_COLUMNS, base, query)
    head = headHtml(base, POSITION_COLUMNS, query, false)
    body = positionRows(shown.rows)
    pager = shown.pager
  } else {
    // Each row keeps its place in the order added, which its Remove button names.
    let rows: ReadonlyArray<{ holding: Holding, index: number }>
    if (query.sort === undefined) {
      // In that order only the page's purchases are read (see readPortfolio); which page that
      // is when the one asked for is past the end is known once they are counted.
      const asked = (query.page - 1) * PAGE_SIZE
      read = readPortfolio(encoded, asked, asked + PAGE_SIZE)
      const shown = pageOf(read.count, base, query)
      const page = shown.first === asked ? read.holdings : readPortfolio(encoded, shown.first, shown.end).holdings
      rows = page.map((holding, i) => ({ holding, index: shown.first + i }))
      pager = shown.pager
    } else {
      // Sorted, every purchase is paired with its place first.
      read = readPortfolio(encoded, 0, Infinity)
      const shown = sortedPage(read.holdings.map((holding, index): Indexed => ({ holding, index, cost: holdingCost(holding) })), PURCHASE_COLUMNS, base, query)
      rows = shown.rows
      pager = shown.pager
    }
    head = headHtml(base, PURCHASE_COLUMNS, query, true)
    body = purchaseRows(rows)
  }
  return { positions, count: read.count, links: viewLinks(base), head, body, total: formatMoney(read.total), pager }
}

export function portfolioJson ({ holdings, total }: PortfolioRead): PortfolioJson {
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
    total: toDecimalString(total)
  }
}
