/**
 * Date.parse for the instants a scenario carries, several per replay line. The common forms
 * ("2026-03-30T12:00:00Z", "…:00.000Z", "…:00+02:00") are read digit by digit; anything else
 * (other fraction lengths, years before 100, days after the 28th, anything malformed) goes to
 * Date.parse itself. A property test pins that both always agree.
 */
export function instantMs(text: string): number {
  const n = text.length;
  // YYYY-MM-DDTHH:MM:SS then "Z", ".sssZ", "±HH:MM" or ".sss±HH:MM"
  if (n < 20 || n > 29 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return Date.parse(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 && minute <= 59 && second <= 59)) return Date.parse(text);
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === 46) {
    millis = digits(text, at + 1, 3);
    if (!(millis >= 0)) return Date.parse(text);
    at += 4;
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(at);
  if (zone === 90) {
    if (at + 1 !== n) return Date.parse(text);
  } else if ((zone === 43 || zone === 45) && at + 6 === n && text.charCodeAt(at + 3) === 58) {
    const offsetHours = digits(text, at + 1, 2);
    const offsetMins = digits(text, at + 4, 2);
    if (!(offsetHours <= 23 && offsetMins <= 59)) return Date.parse(text);
    offsetMinutes = (zone === 45 ? -1 : 1) * (offsetHours * 60 + offsetMins);
  } else return Date.parse(text);
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + (minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}

/** The decimal number in text[from, from + count), or NaN when any of it is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
