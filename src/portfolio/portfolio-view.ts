import { type Holding, holdingCost, totalCost } from './holding.js'
import { type Amount, toDecimalString } from './money.js'
import { encodeHolding } from './portfolio-codec.js'
import { formatShare, type Position, positionsOf } from './positions.js'
import type { Wording } from './wording.js'
import type { PortfolioJson } from '../schemas.js'

// The portfolio as the list page (views/stocks.hbs) and the JSON answer show it: exact amounts,
// the list sorted and paged as its query asks, the page in the visitor's language and numbers
// and the JSON neutral. Everything here is text for the templates, which escape it.

/** Rows on one page of the list: a full cookie holds 491 one-letter purchases. */
export const PAGE_SIZE = 50

export type ListView = 'purchases' | 'positions'
type Direction = 'asc' | 'desc'

interface Column<T> {
  key: ColumnKey
  numeric: boolean
  compare: (a: T, b: T) => number
}

type ColumnKey = 'symbol' | 'shares' | 'price' | 'cost' | 'average' | 'purchases' | 'share'
/** The messages the list says (src/i18n/catalogues): column labels, and those with numbers in them. */
export type ListKey = `column.${ColumnKey}` | 'list.rows' | 'list.removeLabel' | 'list.clearExplanation'
export type ListWording = Wording<ListKey>

const byString = (a: string, b: string): number => a < b ? -1 : a > b ? 1 : 0
const byNumber = (a: number | bigint, b: number | bigint): number => a < b ? -1 : a > b ? 1 : 0

/** A purchase with its place in the order added, which its Remove button names, and its cost. */
interface Purchase { holding: Holding, index: number, cost: Amount }

const PURCHASE_COLUMNS: Array<Column<Purchase>> = [
  { key: 'symbol', numeric: false, compare: (a, b) => byString(a.holding.symbol, b.holding.symbol) },
  { key: 'shares', numeric: true, compare: (a, b) => byNumber(a.holding.shares, b.holding.shares) },
  { key: 'price', numeric: true, compare: (a, b) => byNumber(a.holding.price, b.holding.price) },
  { key: 'cost', numeric: true, compare: (a, b) => byNumber(a.cost, b.cost) }
]

const POSITION_COLUMNS: Array<Column<Position>> = [
  { key: 'symbol', numeric: false, compare: (a, b) => byString(a.symbol, b.symbol) },
  { key: 'shares', numeric: true, compare: (a, b) => byNumber(a.shares, b.shares) },
  { key: 'average', numeric: true, compare: (a, b) => byNumber(a.averagePrice, b.averagePrice) },
  { key: 'cost', numeric: true, compare: (a, b) => byNumber(a.cost, b.cost) },
  { key: 'purchases', numeric: true, compare: (a, b) => byNumber(a.purchases, b.purchases) },
  { key: 'share', numeric: true, compare: (a, b) => byNumber(a.share, b.share) }
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

function headerCells<T> (columns: Array<Column<T>>, path: string, query: ListQuery, wording: ListWording): HeaderCell[] {
  return columns.map(({ key, numeric }) => {
    const sorted = query.sort === key
    return {
      label: wording.say(`column.${key}`),
      numeric,
      sort: sorted ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined,
      href: href(path, { view: query.view, sort: key, dir: sorted && query.dir === 'asc' ? 'desc' : 'asc', page: 1 })
    }
  })
}

export interface Pager { label: string, previous: ListHref | undefined, next: ListHref | undefined }

/** One page of a view's rows, as the list page and the JSON answer both give it. */
interface RowPage<T> {
  rows: T[]
  /** The page given, from 1: the one asked for, or the last when asked past the end. */
  page: number
  /** At least 1: an empty list is one empty page. */
  pages: number
  /** The place of the page's first row in the whole sorted list, from 0. */
  first: number
  /** Rows in the whole view. */
  count: number
}

/** Sorts as the query asks and keeps the page it asks for; past the end, the last page. */
function sortedPage<T> (items: T[], columns: Array<Column<T>>, query: ListQuery): RowPage<T> {
  const column = columns.find((candidate) => candidate.key === query.sort)
  const sign = query.dir === 'desc' ? -1 : 1
  // Array.prototype.sort is stable: equal values keep the order added.
  if (column !== undefined) items.sort((a, b) => sign * column.compare(a, b))
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE))
  const page = Math.min(query.page, pages)
  const first = (page - 1) * PAGE_SIZE
  return { rows: items.slice(first, first + PAGE_SIZE), page, pages, first, count: items.length }
}

/** The list page's links to the pages before and after, and the rows it shows; none for one page. */
function pager<T> ({ rows, page, pages, first, count }: RowPage<T>, path: string, query: ListQuery, wording: ListWording): Pager | undefined {
  if (pages === 1) return undefined
  const at = (other: number): ListHref => href(path, { ...query, page: other })
  return {
    label: wording.say('list.rows', { first: wording.count(first + 1), last: wording.count(first + rows.length), count: wording.count(count) }),
    previous: page > 1 ? at(page - 1) : undefined,
    next: page < pages ? at(page + 1) : undefined
  }
}

/** A purchase's row; the Remove button names it by its place and its stored record, and says it in `label`. */
export interface PurchaseRow { index: number, record: string, symbol: string, shares: string, price: string, cost: string, label: string }
export interface PositionRow { symbol: string, shares: string, averagePrice: string, cost: string, purchases: number, share: string }

export interface PortfolioList {
  /** The positions view, for the template's {{#if}}. */
  positions: boolean
  count: number
  total: string
  /** 100% as the total of the positions' shares, in the visitor's numbers. */
  fullShare: string
  clearExplanation: string
  views: { purchases: ListHref, positions: ListHref }
  header: HeaderCell[]
  purchaseRows: PurchaseRow[]
  positionRows: PositionRow[]
  pager: Pager | undefined
}

/** The list page of a portfolio: the view asked for, sorted, one page of it; `path` is the list's. */
export function portfolioList (holdings: readonly Holding[], path: string, query: ListQuery, wording: ListWording): PortfolioList {
  const first: ListQuery = { view: 'purchases', sort: undefined, dir: 'asc', page: 1 }
  const list = {
    positions: query.view === 'positions',
    count: holdings.length,
    total: wording.money(totalCost(holdings)),
    fullShare: wording.percent(10_000),
    clearExplanation: wording.say('list.clearExplanation', { count: holdings.length }),
    views: { purchases: href(path, first), positions: href(path, { ...first, view: 'positions' }) }
  }
  if (list.positions) {
    const page = sortedPage(positionsOf(holdings), POSITION_COLUMNS, query)
    return { header: headerCells(POSITION_COLUMNS, path, query, wording), purchaseRows: [], positionRows: page.rows.map((row) => positionRow(row, wording)), pager: pager(page, path, query, wording), ...list }
  }
  const page = sortedPage(purchasesOf(holdings), PURCHASE_COLUMNS, query)
  return { header: headerCells(PURCHASE_COLUMNS, path, query, wording), purchaseRows: page.rows.map((row) => purchaseRow(row, wording)), positionRows: [], pager: pager(page, path, query, wording), ...list }
}

function purchasesOf (holdings: readonly Holding[]): Purchase[] {
  return holdings.map((holding, index) => ({ holding, index, cost: holdingCost(holding) }))
}

function purchaseRow ({ holding, index, cost }: Purchase, wording: ListWording): PurchaseRow {
  const shares = wording.count(holding.shares)
  const price = wording.money(holding.price)
  return {
    index,
    record: encodeHolding(holding),
    symbol: holding.symbol,
    shares,
    price,
    cost: wording.money(cost),
    label: wording.say('list.removeLabel', { symbol: holding.symbol, shares, price })
  }
}

function positionRow (position: Position, wording: ListWording): PositionRow {
  return {
    symbol: position.symbol,
    shares: wording.count(position.shares),
    averagePrice: wording.money(position.averagePrice),
    cost: wording.money(position.cost),
    purchases: position.purchases,
    share: wording.percent(position.share)
  }
}

/**
 * The list page as data: the same query, the same rows of the same page, amounts as exact
 * decimal strings whatever the visitor's language. The other view's array is empty; `count`
 * (purchases) and `total` are the whole portfolio's, `pages` the view's.
 */
export function portfolioJson (holdings: readonly Holding[], query: ListQuery): PortfolioJson {
  const whole = { count: holdings.length, total: toDecimalString(totalCost(holdings)) }
  if (query.view === 'positions') {
    const { rows, page, pages } = sortedPage(positionsOf(holdings), POSITION_COLUMNS, query)
    return { holdings: [], positions: rows.map(positionJson), page, pages, ...whole }
  }
  const { rows, page, pages } = sortedPage(purchasesOf(holdings), PURCHASE_COLUMNS, query)
  return { holdings: rows.map(purchaseJson), positions: [], page, pages, ...whole }
}

function purchaseJson ({ holding, cost }: Purchase): PortfolioJson['holdings'][number] {
  return { symbol: holding.symbol, shares: holding.shares, price: toDecimalString(holding.price), cost: toDecimalString(cost) }
}

function positionJson (position: Position): PortfolioJson['positions'][number] {
  return {
    symbol: position.symbol,
    shares: position.shares,
    averagePrice: toDecimalString(position.averagePrice),
    cost: toDecimalString(position.cost),
    purchases: position.purchases,
    share: formatShare(position.share)
  }
}
