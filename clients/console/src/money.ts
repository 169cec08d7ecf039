// Money as the API carries it: integer minor units and an ISO 4217 code. Parsing works on the
// decimal text itself, never through a float, so 19.99 is 1999 and 0.1 + 0.2 never happens.

// The server's exponents (src/Domain/Monetary/Currency.cs); anything else is 2.
const ZERO = new Set(["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]);
const THREE = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

export function exponentOf(currency: string): number {
  const code = currency.toUpperCase();
  return ZERO.has(code) ? 0 : THREE.has(code) ? 3 : 2;
}

export type Parsed = { ok: true; minor: number } | { ok: false; error: string };

/**
 * "19.99" EUR → 1999, "1980" JPY → 1980, "4.5" BHD → 4500. Accepts a dot or a comma as the decimal
 * separator and spaces or apostrophes between thousands; refuses more decimals than the currency has.
 */
export function parseMoney(text: string, currency: string): Parsed {
  const exponent = exponentOf(currency);
  const cleaned = text.trim().replace(/[\s'\u00a0\u202f]/g, "");
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(cleaned);
  if (!match) {
    return { ok: false, error: "Enter a positive amount such as 19.99." };
  }

  const [, whole, fraction = ""] = match;
  if (fraction.length > exponent) {
    return { ok: false, error: exponent === 0 ? `${currency} has no decimals.` : `${currency} has at most ${exponent} decimals.` };
  }

  const digits = (whole + fraction.padEnd(exponent, "0")).replace(/^0+(?=\d)/, "");
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor) || minor > 1e15) {
    return { ok: false, error: "The amount is too large." };
  }

  return { ok: true, minor };
}

/** Minor units as the decimal text an input box holds, for editing: 1999 EUR → "19.99", 4500 BHD → "4.500". */
export function toDecimalText(minor: number, currency: string): string {
  const exponent = exponentOf(currency);
  const text = Math.abs(minor).toString().padStart(exponent + 1, "0");
  const decimal = exponent === 0 ? text : `${text.slice(0, -exponent)}.${text.slice(-exponent)}`;
  return minor < 0 ? `-${decimal}` : decimal;
}

const formatters = new Map<string, Intl.NumberFormat>();

// Kept per locale and currency: a ledger page formats hundreds of amounts in a handful of currencies.
function formatterFor(locale: string | undefined, currency: string, exponent: number): Intl.NumberFormat {
  const key = `${locale ?? ""}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    formatters.set(key, formatter);
  }

  return formatter;
}

/** Minor units shown in the viewer's locale with the currency's own decimals: 1999 EUR → "€19.99". */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const exponent = exponentOf(currency);
  const negative = minor < 0;
  const text = Math.abs(minor).toString().padStart(exponent + 1, "0");
  // Build the decimal string ourselves so no float is formatted: Intl then only groups and places the symbol.
  const decimal = exponent === 0 ? text : `${text.slice(0, -exponent)}.${text.slice(-exponent)}`;
  const formatter = formatterFor(locale, currency, exponent);
  const formatted = formatter.format(decimal as unknown as number);
  return negative ? formatter.format(`-${decimal}` as unknown as number) : formatted;
}
