/**
 * The ISO 8601 forms Python 3.11's `date.fromisoformat` and `datetime.fromisoformat`
 * accept, and the `repr` of the resulting values, for column defaults.
 *
 * @module
 */

/** A calendar date. */
export interface IsoDate {
  /** 1 to 9999. */
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  /** 1 to 31. */
  readonly day: number;
}

/** A date and time with an optional UTC offset. */
export interface IsoDateTime extends IsoDate {
  /** 0 to 23. */
  readonly hour: number;
  /** 0 to 59. */
  readonly minute: number;
  /** 0 to 59. */
  readonly second: number;
  /** 0 to 999999. */
  readonly microsecond: number;
  /** Offset from UTC in microseconds, or undefined for a naive value. */
  readonly offsetMicroseconds?: number;
}

/**
 * Parses a date as Python 3.11's `date.fromisoformat` does (`YYYY-MM-DD`, `YYYYMMDD`,
 * `YYYY-Www`, `YYYY-Www-D` and their basic forms); undefined when Python would raise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseIsoDate } from "./iso_date.ts";
 * assert.deepEqual(parseIsoDate("2020-02-29"), { year: 2020, month: 2, day: 29 });
 * assert.equal(parseIsoDate("2021-02-29"), undefined);
 * ```
 */
export function parseIsoDate(text: string): IsoDate | undefined {
  return parseDatePart(text);
}

/**
 * Parses a date-time as Python 3.11's `datetime.fromisoformat` does: a date, then any
 * one separator character and a time `HH[:MM[:SS[.ffffff]]]` (or its basic form) with
 * an optional `Z` or `±HH[:MM[:SS[.ffffff]]]` offset; undefined when Python would raise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseIsoDateTime } from "./iso_date.ts";
 * assert.equal(parseIsoDateTime("2020-01-01T10:00:00Z")?.offsetMicroseconds, 0);
 * ```
 */
export function parseIsoDateTime(text: string): IsoDateTime | undefined {
  if (text.length < 7) return undefined;
  const separator = findSeparator(text);
  if (separator === undefined) return undefined;
  const date = parseDatePart(text.slice(0, separator));
  if (date === undefined) return undefined;
  if (text.length <= separator) {
    return { ...date, hour: 0, minute: 0, second: 0, microsecond: 0 };
  }
  // The separator is any one character (code point).
  const separatorLength = (text.codePointAt(separator) ?? 0) > 0xffff ? 2 : 1;
  const time = parseTime(text.slice(separator + separatorLength));
  if (time === undefined) return undefined;
  return { ...date, ...time };
}

/** `repr()` of a `datetime.date`. */
export function pythonDateRepr(date: IsoDate): string {
  return `datetime.date(${date.year}, ${date.month}, ${date.day})`;
}

/** `repr()` of a `datetime.datetime`. */
export function pythonDateTimeRepr(value: IsoDateTime): string {
  const parts = [value.year, value.month, value.day, value.hour, value.minute];
  if (value.microsecond !== 0) parts.push(value.second, value.microsecond);
  else if (value.second !== 0) parts.push(value.second);
  let text = `datetime.datetime(${parts.join(", ")}`;
  if (value.offsetMicroseconds !== undefined) {
    text += `, tzinfo=${timezoneRepr(value.offsetMicroseconds)}`;
  }
  return `${text})`;
}

const DAY_MICROSECONDS = 86_400_000_000;

function timezoneRepr(offset: number): string {
  if (offset === 0) return "datetime.timezone.utc";
  const days = Math.floor(offset / DAY_MICROSECONDS);
  const rest = offset - days * DAY_MICROSECONDS;
  const seconds = Math.floor(rest / 1_000_000);
  const microseconds = rest - seconds * 1_000_000;
  const parts: string[] = [];
  if (days !== 0) parts.push(`days=${days}`);
  if (seconds !== 0) parts.push(`seconds=${seconds}`);
  if (microseconds !== 0) parts.push(`microseconds=${microseconds}`);
  return `datetime.timezone(datetime.timedelta(${parts.join(", ")}))`;
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= "0" && char <= "9";
}

function digits(text: string, start: number, count: number): number | undefined {
  const part = text.slice(start, start + count);
  if (part.length !== count || ![...part].every(isDigit)) return undefined;
  return Number(part);
}

/** CPython's `_find_isoformat_datetime_separator`. */
function findSeparator(text: string): number | undefined {
  const length = text.length;
  if (length === 7) return 7;
  if (text[4] === "-") {
    if (text[5] !== "W") return 10;
    if (length > 8 && text[8] === "-") {
      if (length === 9) return undefined;
      if (length > 10 && isDigit(text[10])) return 8;
      return 10;
    }
    return 8;
  }
  if (text[4] !== "W") return 8;
  let index = 7;
  while (index < length && isDigit(text[index])) index++;
  if (index < 9) return index;
  return index % 2 === 0 ? 7 : 8;
}

function parseDatePart(text: string): IsoDate | undefined {
  if (![7, 8, 10].includes(text.length)) return undefined;
  const year = digits(text, 0, 4);
  if (year === undefined || year < 1) return undefined;
  const dashed = text[4] === "-";
  let position = dashed ? 5 : 4;
  if (text[position] === "W") {
    position += 1;
    const week = digits(text, position, 2);
    position += 2;
    let weekday = 1;
    if (text.length > position) {
      if ((text[position] === "-") !== dashed) return undefined;
      if (dashed) position += 1;
      const parsed = digits(text, position, 1);
      if (parsed === undefined || text.length !== position + 1) return undefined;
      weekday = parsed;
    }
    if (week === undefined) return undefined;
    return isoWeekToDate(year, week, weekday);
  }
  const month = digits(text, position, 2);
  position += 2;
  if ((text[position] === "-") !== dashed) return undefined;
  if (dashed) position += 1;
  const day = digits(text, position, 2);
  if (month === undefined || day === undefined || text.length !== position + 2) {
    return undefined;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isoWeekToDate(year: number, week: number, weekday: number): IsoDate | undefined {
  const janFirst = new Date(Date.UTC(year, 0, 1));
  janFirst.setUTCFullYear(year);
  const janFirstWeekday = (janFirst.getUTCDay() + 6) % 7; // Monday = 0
  if (week < 1 || week > 53) return undefined;
  if (week === 53) {
    const longYear = janFirstWeekday === 3 || (janFirstWeekday === 2 && isLeap(year));
    if (!longYear) return undefined;
  }
  if (weekday < 1 || weekday > 7) return undefined;
  const weekOneMonday = janFirst.getTime() - janFirstWeekday * 86_400_000 +
    (janFirstWeekday > 3 ? 7 * 86_400_000 : 0);
  const result = new Date(weekOneMonday + ((week - 1) * 7 + weekday - 1) * 86_400_000);
  const resultYear = result.getUTCFullYear();
  if (resultYear < 1 || resultYear > 9999) return undefined;
  return { year: resultYear, month: result.getUTCMonth() + 1, day: result.getUTCDate() };
}

interface TimeParts {
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

/** CPython's `_parse_hh_mm_ss_ff`. */
function parseClock(text: string): TimeParts | undefined {
  const components = [0, 0, 0];
  let position = 0;
  let separated = false;
  for (let index = 0; index < 3; index++) {
    const value = digits(text, position, 2);
    if (value === undefined) return undefined;
    components[index] = value;
    position += 2;
    const next = text[position];
    if (index === 0) separated = next === ":";
    if (next === undefined || index >= 2) break;
    if (separated && next !== ":") return undefined;
    if (separated) position += 1;
  }
  let microsecond = 0;
  if (position < text.length) {
    if (text[position] !== "." && text[position] !== ",") return undefined;
    position += 1;
    const fraction = text.slice(position);
    if (fraction.length === 0 || ![...fraction].every(isDigit)) return undefined;
    microsecond = Number(fraction.slice(0, 6).padEnd(6, "0"));
  }
  const [hour, minute, second] = components;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { hour, minute, second, microsecond };
}

function parseTime(text: string): (TimeParts & { offsetMicroseconds?: number }) | undefined {
  if (text.length < 2) return undefined;
  let zoneStart = text.indexOf("-") + 1;
  if (zoneStart === 0) zoneStart = text.indexOf("+") + 1;
  if (zoneStart === 0) zoneStart = text.indexOf("Z") + 1;
  const clock = parseClock(zoneStart > 0 ? text.slice(0, zoneStart - 1) : text);
  if (clock === undefined) return undefined;
  if (zoneStart === 0) return clock;
  if (zoneStart === text.length && text.endsWith("Z")) {
    return { ...clock, offsetMicroseconds: 0 };
  }
  const zone = text.slice(zoneStart);
  if ([0, 1, 3].includes(zone.length)) return undefined;
  const offset = parseClock(zone);
  if (offset === undefined) return undefined;
  const magnitude = ((offset.hour * 60 + offset.minute) * 60 + offset.second) * 1_000_000 +
    offset.microsecond;
  const sign = text[zoneStart - 1] === "-" ? -1 : 1;
  return { ...clock, offsetMicroseconds: magnitude === 0 ? 0 : sign * magnitude };
}
