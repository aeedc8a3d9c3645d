// Exact fixed-point money: an amount is a whole count of 1/10,000 of the currency's unit (the
// dollar, the euro), so sums and products never round. A price always fits a Number exactly; a
// cost or a total can pass 2^53 (a billion shares at a million each), so an Amount is a Number
// while it is a safe integer and a BigInt beyond.

export const MONEY_SCALE_DIGITS = 4
const SCALE = 10_000

/** An exact amount in 1/10,000 of the currency's unit: a safe-integer Number, or a BigInt past that. */
export type Amount = number | bigint

/**
 * A plain decimal with up to four fractional digits: "302.17", "0.1", "15"; with `decimalComma`
 * "302,17" too (as a locale with a decimal comma types it), and never a thousands separator.
 * The one grammar of a price: the form's pattern, the server's check and the CSV import's.
 */
export const decimalSource = (decimalComma = false): string => `\\d+(?:[${decimalComma ? '.,' : '.'}]\\d{1,${MONEY_SCALE_DIGITS}})?`
/** The smallest amount, as the form's min and step say it: "0.0001". */
export const SMALLEST_AMOUNT = `0.${'1'.padStart(MONEY_SCALE_DIGITS, '0')}`
/** ASCII digits only. */
const DECIMAL = new RegExp(`^${decimalSource()}$`)
const DECIMAL_OR_COMMA = new RegExp(`^${decimalSource(true)}$`)

/**
 * Reads a plain decimal string into scaled units, or undefined when it is not one. The result
 * is exact up to 2^53 units (about $900 billion); callers bound it well below that.
 */
export function parseMoney (text: string, decimalComma = false): number | undefined {
  if (!(decimalComma ? DECIMAL_OR_COMMA : DECIMAL).test(text)) return undefined
  const point = Math.max(text.indexOf('.'), text.indexOf(','))
  return point === -1 ? moneyFromDigits(text) : moneyFromDigits(text.slice(0, point), text.slice(point + 1))
}

/** Scaled units from the digits before and after the point, already checked to be digits. */
function moneyFromDigits (whole: string, fraction = ''): number {
  return Number(whole) * SCALE + Number(fraction.padEnd(MONEY_SCALE_DIGITS, '0'))
}

/** `whole` units of the currency as an Amount. */
export function wholeUnits (whole: number): number {
  return whole * SCALE
}

/** a × b, exact. */
export function multiply (a: number, b: number): Amount {
  const product = a * b
  return Number.isSafeInteger(product) ? product : BigInt(a) * BigInt(b)
}

/** a + b, exact. */
export function add (a: Amount, b: Amount): Amount {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b
    if (Number.isSafeInteger(sum)) return sum
  }
  return BigInt(a) + BigInt(b)
}

/** The fraction's digits of 0 to 9,999 ten-thousandths, trailing zeros dropped down to `minFractionDigits`. */
function fractionDigits (units: number, minFractionDigits: number): string {
  const digits = String(units).padStart(MONEY_SCALE_DIGITS, '0')
  let end = MONEY_SCALE_DIGITS
  while (end > minFractionDigits && digits[end - 1] === '0') end--
  return digits.slice(0, end)
}

const BIG_SCALE = BigInt(SCALE)

/** The ten-thousandths below the unit; what is left divides by SCALE exactly. */
const unitsOf = (amount: Amount): number => typeof amount === 'number' ? amount % SCALE : Number(amount % BIG_SCALE)
/** The whole units' digits. */
const wholeOf = (amount: Amount, units: number): string => String(typeof amount === 'number' ? (amount - units) / SCALE : amount / BIG_SCALE)

/**
 * "4532.55": exact, no separators, at least `minFractionDigits` decimals (two for JSON;
 * none for storage, where "15" is shorter than "15.00").
 */
export function toDecimalString (amount: Amount, minFractionDigits = 2): string {
  const units = unitsOf(amount)
  const fraction = fractionDigits(units, minFractionDigits)
  return fraction === '' ? wholeOf(amount, units) : `${wholeOf(amount, units)}.${fraction}`
}

/** numerator / denominator, both positive, rounded half to even. */
export function divideHalfEven (numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator
  const twice = (numerator % denominator) * 2n
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) return quotient + 1n
  return quotient
}
