import { MONEY_SCALE_DIGITS, toDecimalString } from '../portfolio/money.js'
import { formatShare } from '../portfolio/positions.js'
import type { Wording } from '../portfolio/wording.js'

// Numbers as a locale writes them, from exact decimal strings: Intl.NumberFormat reads a string
// as an exact decimal, so no amount passes through a float. One Intl.NumberFormat.format costs
// about 1 µs, and a list page writes three numbers a row; the locale's pattern (prefix, groups,
// marks, suffix) is read from Intl once and applied by string operations, after checking that
// it gives Intl's own output on a set of probes. A locale where it does not (other digits,
// other grouping rules) is formatted by Intl itself.

declare global {
  namespace Intl {
    // Node 20's Intl (NumberFormat v3, ES2023) reads a string as an exact decimal; the ES2022
    // lib this project compiles against types numbers only.
    interface NumberFormat {
      format(value: string): string
      formatToParts(value: string): NumberFormatPart[]
    }
  }
}

/** A formatter of plain decimal strings ("1234.5"), already cut to the digits it shows. */
export type DecimalFormat = (decimal: string) => string

interface Pattern { prefix: string, suffix: string, group: string, decimal: string, primary: number, secondary: number, minGrouping: number }

const PROBES = ['0', '1', '12', '999', '1000', '9999', '10000', '12345', '123456', '1234567', '12345678', '123456789012345678901']

function patternOf (format: Intl.NumberFormat): Pattern | undefined {
  const parts = format.formatToParts('1234567.1')
  const integers = parts.filter((part) => part.type === 'integer').map((part) => part.value)
  if (integers.some((digits) => !/^[0-9]+$/.test(digits))) return undefined
  const first = parts.findIndex((part) => part.type === 'integer')
  let last = parts.length - 1
  while (parts[last]?.type !== 'integer' && parts[last]?.type !== 'fraction') last--
  const join = (list: Intl.NumberFormatPart[]): string => list.map((part) => part.value).join('')
  return {
    prefix: join(parts.slice(0, first)),
    suffix: join(parts.slice(last + 1)),
    group: parts.find((part) => part.type === 'group')?.value ?? '',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    primary: (integers.at(-1) as string).length,
    secondary: (integers.at(-2) ?? '').length || 3,
    minGrouping: format.formatToParts('1000').some((part) => part.type === 'group') ? 1 : 2
  }
}

function group (digits: string, { group, primary, secondary, minGrouping }: Pattern): string {
  if (group === '' || digits.length < primary + minGrouping) return digits
  let end = digits.length - primary
  let grouped = digits.slice(end)
  while (end > secondary) {
    grouped = digits.slice(end - secondary, end) + group + grouped
    end -= secondary
  }
  return digits.slice(0, end) + group + grouped
}

/**
 * `format` applied to plain decimal strings, exactly. The caller cuts every decimal to the
 * fraction digits `format` shows, so nothing is rounded here; `fractions` are examples of
 * them for the probes ('' for none).
 */
export function decimalFormat (format: Intl.NumberFormat, fractions: readonly string[] = ['']): DecimalFormat {
  const pattern = patternOf(format)
  if (pattern === undefined) return (decimal) => format.format(decimal)
  const fast: DecimalFormat = (decimal) => {
    const point = decimal.indexOf('.')
    if (point === -1) return pattern.prefix + group(decimal, pattern) + pattern.suffix
    return pattern.prefix + group(decimal.slice(0, point), pattern) + pattern.decimal + decimal.slice(point + 1) + pattern.suffix
  }
  const probes = PROBES.flatMap((whole) => fractions.map((fraction) => fraction === '' ? whole : `${whole}.${fraction}`))
  return probes.every((probe) => fast(probe) === format.format(probe)) ? fast : (decimal) => format.format(decimal)
}

/** A locale's numbers: money in the operator's currency, counts, shares of cost. */
export type LocaleNumbers = Omit<Wording<string>, 'say'>

/** The part of `value` formatted that has `type`: every format here writes it. */
const partOf = (format: Intl.NumberFormat, value: string, type: Intl.NumberFormatPartTypes): string =>
  (format.formatToParts(value).find((part) => part.type === type) as Intl.NumberFormatPart).value

/** Made once per locale and currency, when its first number is written (src/i18n/locale.ts). */
export function localeNumbers (locale: string, currency: string): LocaleNumbers {
  // A currency format always resolves its fraction digits: the currency's usual ones.
  const digits = Math.min(new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().minimumFractionDigits as number, MONEY_SCALE_DIGITS)
  const moneyFormat = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: MONEY_SCALE_DIGITS })
  // toDecimalString writes from `digits` to four fraction digits: the probes have both ends.
  const money = decimalFormat(moneyFormat, digits === 0 ? ['', '5', '1234'] : ['1234'.slice(0, digits), '1234'])
  const count = decimalFormat(new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }))
  const percent = decimalFormat(new Intl.NumberFormat(locale, { style: 'unit', unit: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }), ['05', '67'])
  return {
    money: (amount) => money(toDecimalString(amount, digits)),
    count: (value) => count(String(value)),
    percent: (hundredths) => percent(formatShare(hundredths)),
    decimalMark: partOf(moneyFormat, '1.5', 'decimal'),
    currency: {
      code: currency,
      symbol: partOf(moneyFormat, '1', 'currency'),
      name: partOf(new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'name' }), '2', 'currency')
    }
  }
}
