// Call findings (guardrails.md, `kind: "call"`): what an assistant answering a home-service line must
// never say: a price, a diagnosis, a guarantee, a time or booking commitment, or repair coaching.
// Deterministic rules (./call/patterns.ts); a refusal in the same clause ("I can't give prices")
// cancels a match, so the honest wording the assistant should use passes.
import type { Finding } from '../types.ts';
import { CALL_RULES, CLAUSE_BREAK, NEGATOR, WARNING_AFTER, type CallRule } from './call/patterns.ts';

/**
 * One alternation of every rule of a finding type, built once: a text none of them matches (most of
 * what an assistant says) costs one pass per type instead of one per rule. Exact: an alternation
 * matches somewhere if and only if one of its rules does, in any order.
 */
export const RULE_GROUPS: readonly { any: RegExp; rules: CallRule[] }[] = [...new Set(CALL_RULES.map((rule) => rule.type))].map((type) => {
  const rules = CALL_RULES.filter((rule) => rule.type === type);
  return { any: anyOf(rules.flatMap((rule) => topLevelAlternatives(rule.re.source))), rules };
});

/**
 * `\bA|\bB|C` becomes `\b(?:A|B)|C`: the same language, but at a position inside a word (most
 * positions) the shared word-boundary check fails once instead of once per alternative (≈2.5× faster).
 */
function anyOf(alternatives: string[]): RegExp {
  const atBoundary = (a: string) => a.startsWith('\\b') && !'?*+{'.includes(a[2] ?? '');
  const bounded = alternatives.filter(atBoundary).map((a) => `(?:${a.slice(2)})`);
  const rest = alternatives.filter((a) => !atBoundary(a)).map((a) => `(?:${a})`);
  return new RegExp([...(bounded.length ? [`\\b(?:${bounded.join('|')})`] : []), ...rest].join('|'), 'i');
}

/** A regex source split at its top-level `|` (outside groups, classes and escapes). */
export function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '\\') i += 1;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** How far back (UTF-16 units) a refusal may sit and still govern a match in the same clause. */
const NEGATION_REACH = 80;

/**
 * Hard findings on something the assistant would say on a call.
 * @example detectCallFindings("That'll run about $150.") // [{ type: 'pricing', rule: 'call.pricing', … }]
 */
export function detectCallFindings(text: string): Finding[] {
  // Curly apostrophes become straight ones; the replacement is one code unit for one, so offsets hold.
  const scan = text.replace(/[\u2018\u2019\u02bc]/g, "'");
  const findings: Finding[] = [];
  let clauseStarts: number[] | null = null; // only needed once something matched
  for (const group of RULE_GROUPS) {
    if (!group.any.test(scan)) continue;
    clauseStarts ??= findClauseStarts(scan);
    for (const rule of group.rules) collect(text, scan, rule, clauseStarts, findings);
  }
  return findings.length > 1 ? dropOverlaps(findings) : findings;
}

/** Every match of one rule that no refusal cancels. exec on the shared global regex, not matchAll (which clones the RegExp per call). */
function collect(text: string, scan: string, rule: CallRule, clauseStarts: number[], findings: Finding[]): void {
  const re = rule.re;
  re.lastIndex = 0;
  for (let match = re.exec(scan); match !== null; match = re.exec(scan)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end === start) {
      re.lastIndex = end + 1;
      continue;
    }
    if (isCancelled(scan, rule, start, end, clauseStarts)) continue;
    findings.push({ type: rule.type, start, end, severity: 'hard', rule: `call.${rule.type}`, match: text.slice(start, end) });
  }
}

function isCancelled(scan: string, rule: CallRule, start: number, end: number, clauseStarts: number[]): boolean {
  if (rule.negatable === false) return false;
  const clauseStart = lastAtOrBefore(clauseStarts, start);
  const before = scan.slice(Math.max(clauseStart, start - NEGATION_REACH), start);
  NEGATOR.lastIndex = 0;
  if (NEGATOR.test(before)) return true;
  return rule.type === 'unsafe_advice' && WARNING_AFTER.test(scan.slice(end));
}

function findClauseStarts(scan: string): number[] {
  const starts = [0];
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(scan); m !== null; m = CLAUSE_BREAK.exec(scan)) {
    if (m[0].length === 0) CLAUSE_BREAK.lastIndex += 1;
    starts.push(m.index + m[0].length);
  }
  return starts;
}

function lastAtOrBefore(sorted: number[], at: number): number {
  let found = 0;
  for (const s of sorted) {
    if (s > at) break;
    found = s;
  }
  return found;
}

/** One finding per stretch of text: when two rules cover overlapping spans, the first (earliest, longest) stays. */
function dropOverlaps(findings: Finding[]): Finding[] {
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  for (const f of findings) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end && f.type === last.type) continue;
    kept.push(f);
  }
  return kept;
}
