import { describe, expect, it } from "vitest";
import { exponentOf, formatMoney, parseMoney, toDecimalText } from "../src/money";

describe("parseMoney", () => {
  it.each([
    ["19.99", "EUR", 1999],
    ["20", "EUR", 2000],
    ["0.1", "EUR", 10],
    ["1 234,56", "EUR", 123456],
    ["1980", "JPY", 1980],
    ["4.500", "BHD", 4500],
    ["4.5", "BHD", 4500],
    ["0.001", "KWD", 1],
    ["999999999999.99", "EUR", 99999999999999],
  ])("%s %s is %d minor units", (text, currency, minor) => {
    expect(parseMoney(text, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    ["19.999", "EUR"],
    ["1980.5", "JPY"],
    ["-5", "EUR"],
    ["1e3", "EUR"],
    ["", "EUR"],
    ["12.34.56", "EUR"],
    ["99999999999999999", "EUR"],
  ])("%s %s is refused", (text, currency) => {
    expect(parseMoney(text, currency).ok).toBe(false);
  });

  it("never goes through a float", () => {
    for (let cents = 0; cents < 10_000; cents++) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
      expect(parseMoney(text, "EUR")).toEqual({ ok: true, minor: cents });
    }
  });
});

describe("formatMoney", () => {
  it("uses each currency's exponent", () => {
    expect(exponentOf("eur")).toBe(2);
    expect(formatMoney(1999, "EUR", "en-IE")).toBe("€19.99");
    expect(formatMoney(1980, "JPY", "en-US")).toBe("¥1,980");
    expect(formatMoney(4500, "BHD", "en-US")).toBe("BHD\u00a04.500");
    expect(formatMoney(-1000, "EUR", "en-IE")).toBe("-€10.00");
    expect(formatMoney(5, "EUR", "en-IE")).toBe("€0.05");
  });

  it("follows the viewer's locale", () => {
    expect(formatMoney(123456, "EUR", "de-DE")).toBe("1.234,56\u00a0€");
    expect(formatMoney(123456, "SEK", "sv-SE")).toBe("1\u00a0234,56\u00a0kr");
  });

  it("keeps every cent of amounts past a float's precision", () => {
    expect(formatMoney(999999999999999, "EUR", "en-US")).toBe("€9,999,999,999,999.99");
  });
});

describe("toDecimalText", () => {
  it("writes what parseMoney reads back, with each currency's decimals", () => {
    for (const [minor, currency, text] of [
      [1999, "EUR", "19.99"],
      [5, "EUR", "0.05"],
      [1980, "JPY", "1980"],
      [4500, "BHD", "4.500"],
      [900719925474099, "EUR", "9007199254740.99"],
    ] as const) {
      expect(toDecimalText(minor, currency)).toBe(text);
      expect(parseMoney(text, currency)).toEqual({ ok: true, minor });
    }
  });
});
