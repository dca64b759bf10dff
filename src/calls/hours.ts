// Opening hours in the business's own timezone (luxon, so DST days have 23 or 25 hours and a wall-clock
// "08:00" stays 08:00 across the change). The instant comes from the call's `now`, never the machine clock.
import { DateTime } from 'luxon';
import { DAYS, type BusinessConfig } from './config.ts';

export interface OpenState {
  open: boolean;
  /** local date and time at the business, e.g. "2026-03-08 07:59" */
  local: string;
  holiday: boolean;
}

/** Luxon weekday 1..7 is Monday..Sunday. */
const dayKey = (weekday: number) => DAYS[weekday - 1];

/**
 * @example isOpen(config, '2026-01-12T14:00:00Z') // { open: true, local: '2026-01-12 08:00', holiday: false } in America/Chicago
 */
export function isOpen(config: BusinessConfig, now: string): OpenState {
  const at = DateTime.fromISO(now, { setZone: true }).setZone(config.business.timezone);
  const local = at.toFormat('yyyy-MM-dd HH:mm');
  const holiday = config.hours.holidays.includes(at.toISODate() ?? '');
  if (holiday) return { open: false, local, holiday };
  const minute = at.hour * 60 + at.minute;
  const open = config.hours[dayKey(at.weekday)].some((range) => {
    const [from, to] = range.split('-').map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));
    return minute >= from && minute < to;
  });
  return { open, local, holiday };
}

/** A timestamp with an offset; checked at the call's boundary so the core never sees an invalid instant. */
export function isValidInstant(now: string): boolean {
  return /[zZ]|[+-]\d{2}:?\d{2}$/.test(now) && DateTime.fromISO(now, { setZone: true }).isValid;
}
