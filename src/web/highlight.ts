import type { Finding } from '../guardrails/types.ts';

export interface Segment {
  text: string;
  /** the findings covering this piece (empty: plain text) */
  findings: Finding[];
}

/**
 * Cuts a reply into plain and flagged pieces at the findings' UTF-16 offsets (the same units as
 * JS string indices). Overlapping findings split into pieces that list every finding covering
 * them; out-of-range offsets are clamped; zero-length findings (missing required content, at the
 * end) are listed separately by the page, not here.
 */
export function segments(text: string, findings: readonly Finding[]): Segment[] {
  const spans = findings.filter((f) => f.end > f.start).map((f) => ({ f, start: clamp(f.start, text.length), end: clamp(f.end, text.length) })).filter((s) => s.end > s.start);
  const cuts = new Set<number>([0, text.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= from && s.end >= to).map((s) => s.f);
    const last = out[out.length - 1];
    if (last && !covering.length && !last.findings.length) last.text += text.slice(from, to);
    else out.push({ text: text.slice(from, to), findings: covering });
  }
  return out;
}

const clamp = (n: number, max: number) => Math.max(0, Math.min(max, Math.trunc(n)));
