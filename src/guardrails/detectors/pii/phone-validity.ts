import { Metadata, parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/metadata.max.json';

/**
 * Phone number validity from libphonenumber's full ("max") metadata, with the metadata's regular
 * expressions compiled once. libphonenumber's own isValid() builds a RegExp from the same patterns on
 * every call, which made validation the slowest step of the whole guard (tens of µs per candidate).
 * The rules are its rules (isValid → getNumberType): the national number must match the region's
 * national number pattern and one of its number types (fixed line, mobile, toll free, …) with a
 * possible length; a region's numbers are valid for every region sharing its calling code (+1, +44, +7),
 * as in libphonenumber. Anything unusual (a national prefix rule that captures digits to rewrite them,
 * a non-geographic calling code) is handed to libphonenumber itself. test/guardrails/phone-validity.test.ts holds the two equal.
 */

export const PHONE_METADATA = maxMetadata as unknown as MetadataJson;

const TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

interface CompiledPlan {
  national: RegExp;
  types: { re: RegExp; lengths: readonly number[] | undefined }[] | null;
  prefix: RegExp | null;
  idd: RegExp | null;
  callingCode: string;
}

interface PlanApi {
  nationalNumberPattern(): string;
  nationalPrefixForParsing(): string | undefined;
  hasTypes(): boolean;
  IDDPrefix(): string | undefined;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

const meta = new Metadata(PHONE_METADATA) as unknown as Metadata & {
  getCountryCodesForCallingCode(code: string): string[] | undefined;
  countryCallingCode(): string;
  isNonGeographicCallingCode(code: string): boolean;
};
const plans = new Map<string, CompiledPlan | null>();

function plan(region: string): CompiledPlan | null {
  const known = plans.get(region);
  if (known !== undefined) return known;
  let compiled: CompiledPlan | null = null;
  try {
    meta.selectNumberingPlan(region as CountryCode);
    const np = meta.numberingPlan as unknown as PlanApi;
    const prefix = np.nationalPrefixForParsing();
    compiled = {
      national: new RegExp(`^(?:${np.nationalNumberPattern()})$`),
      types: np.hasTypes()
        ? TYPES.flatMap((t) => {
            const type = np.type(t);
            const pattern = type?.pattern();
            return pattern ? [{ re: new RegExp(`^(?:${pattern})$`), lengths: type!.possibleLengths() }] : [];
          })
        : null,
      prefix: prefix ? new RegExp(`^(?:${prefix})`) : null,
      callingCode: meta.countryCallingCode(),
      idd: np.IDDPrefix() ? new RegExp(`^(?:${np.IDDPrefix()})`) : null,
    };
  } catch {
    compiled = null;
  }
  plans.set(region, compiled);
  return compiled;
}

function matchesPlan(p: CompiledPlan, nn: string): boolean {
  if (!p.national.test(nn)) return false;
  if (!p.types) return true;
  for (const t of p.types) if ((!t.lengths || t.lengths.includes(nn.length)) && t.re.test(nn)) return true;
  return false;
}

const sharing = new Map<string, CompiledPlan[]>();
/** The compiled plans of every region sharing a calling code, main region first. */
function regionsOfCallingCode(code: string): CompiledPlan[] {
  let regions = sharing.get(code);
  if (!regions) {
    regions = (meta.getCountryCodesForCallingCode(code) ?? []).flatMap((r) => plan(r) ?? []);
    sharing.set(code, regions);
  }
  return regions;
}

const ASK = 'ask' as const;

const callingCodes = new Map<string, readonly CompiledPlan[] | typeof ASK>();
/** What a calling code is: non-geographic (left to libphonenumber) or the plans of its regions (none: not a code). */
function callingCode(code: string): readonly CompiledPlan[] | typeof ASK {
  let known = callingCodes.get(code);
  if (known === undefined) {
    known = meta.isNonGeographicCallingCode(code) ? ASK : regionsOfCallingCode(code);
    callingCodes.set(code, known);
  }
  return known;
}

/** Digits after the "+": the calling code (1 to 3 digits), then a national number of its regions. */
function international(digits: string): { code: string; national: string | null | typeof ASK } {
  for (let n = 1; n <= 3; n++) {
    const code = digits.slice(0, n);
    const regions = callingCode(code);
    if (regions === ASK) return { code, national: ASK };
    if (regions.length === 0) continue;
    return { code, national: validNational(regions[0], regions, digits.slice(n)) };
  }
  return { code: '', national: null };
}

/**
 * As libphonenumber does: the national prefix is stripped by the rules of the region the number is
 * read in (the default region, or the calling code's main region), then the national number may
 * belong to any region sharing the calling code. A prefix rule that captures digits (a transform, a
 * carrier code) is left to libphonenumber.
 */
function validNational(readIn: CompiledPlan, regions: readonly CompiledPlan[], digits: string): string | null | typeof ASK {
  const options = [digits];
  const m = readIn.prefix?.exec(digits);
  if (m && m[0].length > 0) {
    if (m.length > 1 && m.slice(1).some((g) => g !== undefined)) return ASK;
    options.unshift(digits.slice(m[0].length));
  }
  const anyRegion = sharedNationalPattern(regions);
  const lengths = sharedLengths(regions);
  for (const nn of options) {
    if (lengths && !lengths.has(nn.length)) continue; // no number type of any region has this length
    // most valid numbers are the main region's (US for +1): tried before the regions' shared pattern
    if (regions.length > 0 && matchesPlan(regions[0], nn)) return nn;
    if (regions.length < 2 || !anyRegion.test(nn)) continue; // fits no other region's general pattern: skip the 25 NANPA regions one by one
    for (let r = 1; r < regions.length; r++) if (matchesPlan(regions[r], nn)) return nn;
  }
  return null;
}

const shared = new WeakMap<readonly CompiledPlan[], RegExp>();
/** One regex for "fits the general pattern of some region sharing this calling code". */
function sharedNationalPattern(regions: readonly CompiledPlan[]): RegExp {
  let re = shared.get(regions);
  if (!re) {
    // the NANPA regions repeat the same alternatives ("[58]\\d\\d|900…"): each once is enough
    re = new RegExp(`^(?:${[...new Set(regions.map((p) => p.national.source.slice(1, -1)))].join('|')})$`);
    shared.set(regions, re);
  }
  return re;
}

const lengthsOf = new WeakMap<readonly CompiledPlan[], Set<number> | null>();
/**
 * Every length a national number can have in some region sharing the calling code (matchesPlan needs a
 * number type with that possible length), or null when a region leaves lengths open (no types, or a
 * type without possible lengths).
 */
function sharedLengths(regions: readonly CompiledPlan[]): Set<number> | null {
  if (lengthsOf.has(regions)) return lengthsOf.get(regions)!;
  let lengths: Set<number> | null = new Set<number>();
  for (const p of regions) {
    if (!p.types || p.types.some((t) => !t.lengths)) {
      lengths = null;
      break;
    }
    for (const t of p.types) for (const l of t.lengths!) lengths.add(l);
  }
  lengthsOf.set(regions, lengths);
  return lengths;
}

const nationalLengths = new Map<string, Set<number>>();

/**
 * Could a number of `length` digits, written without "+", be valid when read in `region`? (Its calling
 * code's regions' lengths, plus a national prefix or the calling code in front; the caller lets numbers
 * that start with 0, which may be an international call prefix, through.) A cheap test that spares the full check for most digit runs (prices, dates, order numbers).
 */
export function plausibleNationalLength(region: string, length: number): boolean {
  let lengths = nationalLengths.get(region);
  if (!lengths) {
    lengths = new Set();
    const home = plan(region);
    if (home) {
      const base = new Set<number>();
      for (const p of regionsOfCallingCode(home.callingCode)) for (const t of p.types ?? []) for (const l of t.lengths ?? []) base.add(l);
      if (base.size === 0) for (let l = 4; l <= 17; l++) base.add(l);
      for (const l of base) for (const extra of [0, 1, 2, 3, 4, home.callingCode.length]) lengths.add(l + extra);
    } else {
      for (let l = 4; l <= 20; l++) lengths.add(l);
    }
    nationalLengths.set(region, lengths);
  }
  return lengths.has(length);
}

/**
 * The E.164 form of `candidate` (as written: "+44 20 7946 0958", "(415) 555-2671") when it is a valid
 * phone number, otherwise null.
 */
export function validPhone(candidate: string, defaultRegion: string): string | null {
  return validPhoneDigits(candidate, candidate.replace(/\D/g, ''), candidate.trimStart().startsWith('+'), defaultRegion);
}

/**
 * validPhone for a caller that already has the candidate's digits and knows whether it is written with
 * a "+" (the phone detector reads both from the text's digit runs).
 */
export function validPhoneDigits(candidate: string, digits: string, plus: boolean, defaultRegion: string): string | null {
  let result: { code: string; national: string | null | typeof ASK } = { code: '', national: ASK };
  const home = plan(defaultRegion);
  if (plus) result = international(digits);
  else if (home) {
    const idd = home.idd?.exec(digits);
    // "00 44 20 7946 0958" read in Spain: the international call prefix stands for "+" (not when a 0 follows)
    if (idd && idd[0].length > 0 && digits[idd[0].length] !== '0') result = international(digits.slice(idd[0].length));
    else {
      const regions = regionsOfCallingCode(home.callingCode);
      let national = validNational(home, regions, digits);
      // "914020000000" read in India: the calling code written without its "+". libphonenumber strips
      // it only when the whole number does not fit the region's general pattern or is too long (so it
      // reads "4902010000000" in Germany as one invalid national number): whenever stripping would give
      // a valid number, its own parse decides.
      if (national === null && digits.startsWith(home.callingCode) && validNational(home, regions, digits.slice(home.callingCode.length)) !== null) national = ASK;
      result = { code: home.callingCode, national };
    }
  }
  const { code, national } = result;
  if (national !== ASK) return national === null ? null : `+${code}${national}`;
  const parsed = parsePhoneNumberFromString(candidate, defaultRegion as CountryCode, PHONE_METADATA);
  return parsed?.isValid() ? parsed.number : null;
}
