const ZERO = 0x30;
const NINE = 0x39;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * An RFC 5424 TIMESTAMP (RFC 3339: `2003-10-11T22:14:15.003Z`, `2003-08-24T05:14:15.000003-07:00`), to the
 * millisecond; `undefined` when `text` is not one. Read by position, no regular expression.
 */
export function parseRfc5424Timestamp(text: string): Date | undefined {
  if (text.length < 20 || text[4] !== '-' || text[7] !== '-' || (text[10] !== 'T' && text[10] !== 't')) {
    return undefined;
  }
  if (text[13] !== ':' || text[16] !== ':') {
    return undefined;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (
    year < 1 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > DAYS_IN_MONTH[month - 1] ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  ) {
    return undefined;
  }
  // A leap second (:60) is not representable: the last millisecond of the minute stands for it.
  if (second < 0 || second > 60) {
    return undefined;
  }
  let index = 19;
  let millisecond = 0;
  if (text[index] === '.') {
    const start = index + 1;
    index = start;
    while (index < text.length && isDigit(text.charCodeAt(index))) {
      index += 1;
    }
    const count = index - start;
    if (count < 1 || count > 9) {
      return undefined;
    }
    millisecond = Math.floor(digits(text, start, Math.min(count, 3)) * 10 ** (3 - Math.min(count, 3)));
  }
  let offsetMinutes = 0;
  const zone = text[index];
  if ((zone === 'Z' || zone === 'z') && index + 1 === text.length) {
    offsetMinutes = 0;
  } else if ((zone === '+' || zone === '-') && index + 6 === text.length && text[index + 3] === ':') {
    const offsetHour = digits(text, index + 1, 2);
    const offsetMinute = digits(text, index + 4, 2);
    if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) {
      return undefined;
    }
    offsetMinutes = (zone === '-' ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  } else {
    return undefined;
  }
  if (month === 2 && day === 29 && !isLeapYear(year)) {
    return undefined;
  }
  const leap = second === 60;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, leap ? 59 : second, leap ? 999 : millisecond));
  date.setUTCFullYear(year);
  date.setTime(date.getTime() - offsetMinutes * 60_000);
  return date;
}

/** The number written by `length` ASCII digits at `start`; -1 when one of them is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index += 1) {
    const code = text.charCodeAt(index);
    if (!isDigit(code)) {
      return -1;
    }
    value = value * 10 + (code - ZERO);
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
