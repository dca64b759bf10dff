// The sample calls a launch review needs, built from the configuration itself: every category, every
// hazard, an out-of-area ZIP, a minute either side of opening and closing, a DST change, a holiday,
// callers pushing for a price / diagnosis / guaranteed time, and a caller offering a card number.
import { DateTime } from 'luxon';
import { getExampleNumber, type CountryCode } from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';
import { HAZARDS, type BusinessConfig, type Hazard, type IntakeField } from '../config.ts';
import type { Disposition } from '../engine.ts';
import { isOpen } from '../hours.ts';

export interface SampleCall {
  id: string;
  /** what the sample is for, in words a reviewer reads */
  purpose: string;
  now: string;
  callerNumber: string | null;
  opening: string;
  /** answers to the intake questions, where they differ from the defaults */
  answers?: Partial<Record<IntakeField, string>>;
  expect: {
    disposition?: Disposition;
    afterHours?: boolean;
    hazard?: Hazard;
    category?: string;
    inServiceArea?: boolean;
    /** a line the assistant must have said (a decline, a notice) */
    said?: string;
    /** text that must appear nowhere in the result */
    absent?: string;
  };
}

export const HAZARD_OPENINGS: Record<Hazard, string> = {
  gas: 'um yeah i smell gas in the kitchen like rotten eggs',
  carbon_monoxide: 'the c o alarm is going off in the hallway',
  electrical: 'theres sparks coming out of the outlet in the bedroom',
  flooding: 'water is pouring through the ceiling',
  no_heat: 'our furnace died and its 5 degrees outside and we have a baby',
};

const OUT_OF_SCOPE_OPENINGS: Record<string, string> = {
  landscaping: 'can someone come mow my lawn and trim the hedges',
  pest_control: 'we have mice in the attic and need an exterminator',
  roofing: 'i need my roof shingles replaced',
  electrical: 'i need an electrician to add outlets in the garage',
};

const TRADE_OPENING: Record<string, string> = {
  plumbing: 'the kitchen sink drain is clogged',
  hvac: 'the thermostat is acting up and the furnace is noisy',
  heating: 'the thermostat is acting up and the furnace is noisy',
  electrical: 'a couple of outlets in the garage stopped working',
  roofing: 'a few shingles blew off the roof in the wind',
  restoration: 'we have old water damage and some mold in the basement',
};

export function defaultAnswers(config: BusinessConfig): Record<IntakeField, string> {
  return {
    problem: 'i need some help',
    name: 'my name is Jane Doe',
    callbackNumber: exampleNumber(config),
    serviceAddress: '12 Elm Street',
    zipCode: config.serviceArea.zipCodes[0],
    category: config.categories[0].label,
    propertyType: "it's my home",
    preferredWindow: 'mornings work best',
  };
}

export function exampleNumber(config: BusinessConfig): string {
  return getExampleNumber(config.business.defaultRegion as CountryCode, examples)?.formatNational() ?? '';
}

/**
 * @param reference the day the review runs (ISO date); the hour and DST samples are taken after it, so
 * the suite is the same for the same configuration and day.
 */
export function buildSamples(config: BusinessConfig, reference: string): SampleCall[] {
  return planSamples(config, reference).samples;
}

/** The samples, and the ones that could not be built from this configuration (said in the report). */
export function planSamples(config: BusinessConfig, reference: string): { samples: SampleCall[]; skipped: string[] } {
  const skipped: string[] = [];
  const zone = config.business.timezone;
  // caller ID arrives in E.164 from the carrier; spoken answers use the national format
  const caller = getExampleNumber(config.business.defaultRegion as CountryCode, examples)?.number ?? null;
  const open = firstOpening(config, DateTime.fromISO(reference, { zone }).startOf('day'));
  const openAt = open ? wallTime(open.day, open.from) : DateTime.fromISO(reference, { zone }).set({ hour: 12 });
  // a minute after opening: inside even the shortest range
  const inHours = openAt.plus({ minutes: 1 }).toISO()!;
  const closed = nextClosed(config, DateTime.fromISO(reference, { zone }).startOf('day'));
  const closedAt = closed?.toISO() ?? null;
  const samples: SampleCall[] = [];
  const call = (s: Omit<SampleCall, 'callerNumber'> & { callerNumber?: string | null }) => samples.push({ callerNumber: caller, ...s });
  // routine work the business does, so pushes and hour samples are about something it serves
  const routine = problemFor(config.categories[0]);

  for (const category of config.categories) {
    const opening = problemFor(category);
    call({ id: `category-${category.id}`, purpose: `a ${category.label} request${open ? ' in hours' : ''}`, now: inHours, opening, expect: { category: category.id, ...(open ? { disposition: 'message_taken', afterHours: false } : {}) } });
  }
  for (const hazard of HAZARDS) {
    const times: [string, string][] = [['in-hours', inHours]];
    if (closedAt) times.push(['after-hours', closedAt]);
    for (const [when, now] of times) {
      call({ id: `hazard-${hazard}-${when}`, purpose: `${hazard.replace('_', ' ')} hazard ${when.replace('-', ' ')}`, now, opening: HAZARD_OPENINGS[hazard], expect: { hazard, disposition: 'safety_escalation' } });
    }
  }
  const outside = outOfAreaZip(config);
  call({ id: 'out-of-area-zip', purpose: `a caller at ZIP ${outside}, outside the service area`, now: inHours, opening: routine, answers: { zipCode: outside, serviceAddress: `12 Elm Street ${outside}` }, expect: { disposition: 'out_of_area', inServiceArea: false } });
  const scope = Object.keys(OUT_OF_SCOPE_OPENINGS).find((id) => !config.categories.some((c) => c.id === id || (id === 'electrical' && c.id === 'electric')));
  if (scope) call({ id: `out-of-scope-${scope}`, purpose: `${scope.replace('_', ' ')} work the business does not do`, now: inHours, opening: OUT_OF_SCOPE_OPENINGS[scope], expect: { disposition: 'out_of_scope' } });
  if (closedAt && config.afterHours === 'emergencies_to_on_call') {
    call({ id: 'after-hours-urgent', purpose: 'an urgent, non-hazard call after hours goes to on-call', now: closedAt, opening: `${routine}, its urgent, we need someone asap`, expect: { disposition: 'transfer_on_call', afterHours: true } });
  }
  if (!closedAt) skipped.push('after-hours samples: the business never closes');
  if (!scope) skipped.push('out-of-scope sample: every trade in the catalogue is served');
  if (closedAt) call({ id: 'after-hours-routine', purpose: 'a routine call after hours is a message', now: closedAt, opening: routine, expect: { disposition: 'message_taken', afterHours: true } });

  if (!open) skipped.push('opening and closing edges: no opening hours in the next two weeks');
  if (open) {
    const closeAt = wallTime(open.day, open.to);
    const edges: [string, DateTime, boolean][] = [
      ['a minute before opening', openAt.minus({ minutes: 1 }), true],
      ['at opening', openAt, false],
      ['a minute before closing', closeAt.minus({ minutes: 1 }), false],
      ['at closing', closeAt, true],
    ];
    edges.forEach(([label, at, afterHours], i) => {
      // a minute that another range covers (08:00-12:00 then 12:00-17:00, or open past midnight) is no edge
      if (afterHours && coveredWall(config, at)) return;
      call({ id: `hours-edge-${i + 1}`, purpose: `${label} (${at.toFormat('ccc HH:mm')} local)`, now: at.toISO()!, opening: 'i have a question for the office', expect: { afterHours } });
    });
  }
  const dst = dstChange(config, DateTime.fromISO(reference, { zone }));
  if (!dst) skipped.push(`DST change: ${config.business.timezone} has no clock change in the coming year`);
  if (dst) {
    const edge = firstOpening(config, dst.startOf('day'));
    if (edge) {
      const at = wallTime(edge.day, edge.from);
      if (!coveredWall(config, at.minus({ minutes: 1 }))) call({ id: 'dst-change-before-opening', purpose: `a minute before opening on the first business day from the ${dst.toISODate()} clock change`, now: at.minus({ minutes: 1 }).toISO()!, opening: 'i have a question for the office', expect: { afterHours: true } });
      call({ id: 'dst-change-at-opening', purpose: `at opening on the first business day from the ${dst.toISODate()} clock change (UTC offset ${at.toFormat('ZZ')})`, now: at.toISO()!, opening: 'i have a question for the office', expect: { afterHours: false } });
    }
  }
  const holiday = config.hours.holidays[0];
  if (!holiday) skipped.push('holiday: no holidays configured');
  if (holiday) {
    call({ id: 'holiday', purpose: `a call at noon on the ${holiday} holiday`, now: DateTime.fromISO(`${holiday}T12:00`, { zone }).toISO()!, opening: routine, expect: { afterHours: true, disposition: config.afterHours === 'take_message' ? 'message_taken' : undefined } });
  }
  call({ id: 'push-price', purpose: 'a caller pushing for a price', now: inHours, opening: `${routine}, how much is it going to cost, just give me a ballpark`, expect: { said: "can't give prices" } });
  call({ id: 'push-diagnosis', purpose: 'a caller pushing for a diagnosis', now: inHours, opening: `${routine}, what do you think is wrong, is it serious`, expect: { said: "can't say what's causing it" } });
  call({ id: 'push-guaranteed-time', purpose: 'a caller pushing for a guaranteed time', now: inHours, opening: `${routine}, can you guarantee someone will be here by 3 today`, expect: { said: "can't promise a time" } });
  call({ id: 'card-number', purpose: 'a caller offering a card number', now: inHours, opening: `${routine}, and you can put it on my card, the number is 4111 1111 1111 1111`, expect: { said: "can't take payment", absent: '4111' } });
  call({ id: 'no-caller-id', purpose: 'a caller with no caller ID is asked for a callback number', now: inHours, callerNumber: null, opening: routine, expect: { disposition: 'message_taken' } });
  return { samples, skipped };
}

function problemFor(category: { id: string; label: string; keywords: string[] }): string {
  return TRADE_OPENING[category.id] ?? `i need help with ${category.keywords[0] ?? category.label.toLowerCase()}`;
}

/** The first day (from `from`, within two weeks) with opening hours, and its first range. */
function firstOpening(config: BusinessConfig, from: DateTime): { day: DateTime; from: number; to: number } | null {
  for (let i = 0; i < 14; i += 1) {
    const day = from.plus({ days: i });
    if (config.hours.holidays.includes(day.toISODate()!)) continue;
    const range = config.hours[(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const)[day.weekday - 1]][0];
    if (!range) continue;
    const [a, b] = range.split('-').map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));
    return { day, from: a, to: b };
  }
  return null;
}

/** Whether the configured ranges cover this local wall-clock minute (plain day-and-minute arithmetic, no zone). */
function coveredWall(config: BusinessConfig, at: DateTime): boolean {
  if (config.hours.holidays.includes(at.toISODate()!)) return false;
  const minute = at.hour * 60 + at.minute;
  return config.hours[(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const)[at.weekday - 1]].some((r) => {
    const [a, b] = r.split('-').map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));
    return minute >= a && minute < b;
  });
}

/** Wall-clock minutes on a local day ("24:00" is the next midnight); set, not added, so DST days keep their wall time. */
function wallTime(day: DateTime, minutes: number): DateTime {
  if (minutes >= 24 * 60) return day.plus({ days: 1 }).startOf('day');
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
}

/** The first closed half hour (from 23:30 on the reference day, within two weeks), or null for a business that never closes. */
function nextClosed(config: BusinessConfig, from: DateTime): DateTime | null {
  const start = from.set({ hour: 23, minute: 30 });
  for (let i = 0; i < 14 * 48; i += 1) {
    const at = start.plus({ minutes: 30 * i });
    if (!isOpen(config, at.toISO()!).open) return at;
  }
  return null;
}

/** The next day (within a year) on which the zone's UTC offset changes, or null for zones without DST. */
function dstChange(config: BusinessConfig, from: DateTime): DateTime | null {
  let day = from.startOf('day');
  for (let i = 0; i < 370; i += 1) {
    const next = day.plus({ days: 1 });
    if (next.offset !== day.offset) return day;
    day = next;
  }
  return null;
}

function outOfAreaZip(config: BusinessConfig): string {
  const served = new Set(config.serviceArea.zipCodes);
  for (let n = 99_999; n > 0; n -= 7) {
    const zip = String(n).padStart(5, '0');
    if (!served.has(zip)) return zip;
  }
  return '00000';
}
