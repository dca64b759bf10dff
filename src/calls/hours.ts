// Opening hours in the business's own timezone. Luxon's IANA zones give the UTC offset at an instant
// (so DST days have 23 or 25 hours and a wall-clock "08:00" stays 08:00 across the change); the instant
// comes from the call's `now`, never the machine clock.
import { DateTime, IANAZone } from 'luxon';
import { DAYS, type BusinessConfig } from './config.ts';

export interface OpenState {
  open: boolean;
  /** local date and time at the business, e.g. "2026-03-08 07:59" */
  local: string;
  holiday: boolean;
}

const QUARTER_HOUR = 15 * 60 * 1000;
const offsets = new Map<string, Map<number, number>>();

/**
 * Minutes east of UTC in `timezone` at `ms`. Offsets change only on quarter-hour boundaries in the tz
 * database, so one lookup per zone and quarter hour is cached (luxon's lookup is the slowest step of a call).
 */
function offsetAt(timezone: string, ms: number): number {
  let zone = offsets.get(timezone);
  if (!zone) offsets.set(timezone, (zone = new Map()));
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    if (zone.size > 20_000) zone.clear();
    offset = IANAZone.create(timezone).offset(bucket * QUARTER_HOUR);
    zone.set(bucket, offset);
  }
  return offset;
}

/** The wall clock at the business for an instant: date, weekday (1 = Monday), minutes since midnight. */
export function localClock(timezone: string, now: string): { date: string; weekday: number; minute: number; local: string } {
  const ms = Date.parse(now);
  const wall = new Date(ms + offsetAt(timezone, ms) * 60_000);
  const date = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const minute = wall.getUTCHours() * 60 + wall.getUTCMinutes();
  return { date, weekday: ((wall.getUTCDay() + 6) % 7) + 1, minute, local: `${date} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}` };
}

/**
 * @example isOpen(config, '2026-01-12T14:00:00Z') // { open: true, local: '2026-01-12 08:00', holiday: false } in America/Chicago
 */
export function isOpen(config: BusinessConfig, now: string): OpenState {
  const { date, weekday, minute, local } = localClock(config.business.timezone, now);
  const holiday = config.hours.holidays.includes(date);
  if (holiday) return { open: false, local, holiday };
  const open = config.hours[DAYS[weekday - 1]].some((range) => minute >= minutesOf(range, 0) && minute < minutesOf(range, 6));
  return { open, local, holiday };
}

/** A timestamp with an offset; checked at the call's boundary so the core never sees an invalid instant. */
export function isValidInstant(now: string): boolean {
  return /[zZ]|[+-]\d{2}:?\d{2}$/.test(now) && DateTime.fromISO(now, { setZone: true }).isValid && !Number.isNaN(Date.parse(now));
}

const minutesOf = (range: string, at: number) => Number(range.slice(at, at + 2)) * 60 + Number(range.slice(at + 3, at + 5));
const pad = (n: number) => String(n).padStart(2, '0');
