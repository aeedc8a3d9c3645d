// Exact fixed-point money: amounts are bigint counts of 1/10,000 of a dollar, so sums and
// products never pass through binary floating point.

export const MONEY_SCALE_DIGITS = 4
const SCALE = 10n ** BigInt(MONEY_SCALE_DIGITS)

/** The digits of a plain decimal with up to four fractional digits: "302.17", "0.1", "15". */
export const DECIMAL_SOURCE = `(\\d+)(?:\\.(\\d{1,${MONEY_SCALE_DIGITS}}))?`
/** The smallest amount, as the form's min and step say it: "0.0001". */
export const SMALLEST_AMOUNT = `0.${'1'.padStart(MONEY_SCALE_DIGITS, '0')}`
/** ASCII digits only. */
const DECIMAL = new RegExp(`^${DECIMAL_SOURCE}$`)

/** Reads a plain decimal string into scaled units, or undefined when it is not one. */
export function parseMoney (text: string): bigint | undefined {
  const match = DECIMAL.exec(text)
  return match === null ? undefined : moneyFromDigits(match[1] as string, match[2])
}

/** Scaled units from the digits before and after the point, already checked to be digits. */
export function moneyFromDigits (whole: string, fraction = ''): bigint {
  // One BigInt from the digits is half the cost of two and a multiplication (it runs per stored record).
  return BigInt(whole + fraction.padEnd(MONEY_SCALE_DIGITS, '0'))
}

export function dollars (whole: number): bigint {
  return BigInt(whole) * SCALE
}

function split (amount: bigint, minFractionDigits: number): { whole: string, fraction: string } {
  const digits = amount.toString().padStart(MONEY_SCALE_DIGITS + 1, '0')
  let fraction = digits.slice(-MONEY_SCALE_DIGITS)
  while (fraction.length > minFractionDigits && fraction.endsWith('0')) fraction = fraction.slice(0, -1)
  return { whole: digits.slice(0, -MONEY_SCALE_DIGITS), fraction }
}

/**
 * "4532.55": exact, no separators, at least `minFractionDigits` decimals (two for JSON;
 * none for storage, where "15" is shorter than "15.00").
 */
export function toDecimalString (amount: bigint, minFractionDigits = 2): string {
  const { whole, fraction } = split(amount, minFractionDigits)
  return fraction === '' ? whole : `${whole}.${fraction}`
}

/** "$4,532.55": exact, with thousands separators, at least two decimals; for pages. */
export function formatMoney (amount: bigint): string {
  const { whole, fraction } = split(amount, 2)
  return `$${groupThousands(whole)}.${fraction}`
}

/** "1,000,000": whole numbers with thousands separators. */
export function formatCount (count: number): string {
  return groupThousands(count.toString())
}

/** "1 share", "1,000 shares": a count and its noun, which takes an s unless the count is 1. */
export function countOf (count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`
}

function groupThousands (digits: string): string {
  let grouped = digits.slice(0, digits.length % 3 || 3)
  for (let at = grouped.length; at < digits.length; at += 3) grouped += ',' + digits.slice(at, at + 3)
  return grouped
}

/** numerator / denominator, both positive, rounded half to even. */
export function divideHalfEven (numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator
  const twice = (numerator % denominator) * 2n
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) return quotient + 1n
  return quotient
}
