// Inline SVG charts rendered on the server: no script, each bar focusable with its own label,
// a title and description for the whole chart, and the numbers as a table beside it.

export interface Series {
  key: string;
  label: string;
  /** a colour with at least 3:1 contrast on white (WCAG 1.4.11) */
  color: string;
}

export const OUTCOME_SERIES: Series[] = [
  { key: 'executed', label: 'Executed', color: '#1a7f37' },
  { key: 'awaiting_approval', label: 'Awaiting approval', color: '#9a6700' },
  { key: 'needs_review', label: 'Needs review', color: '#8250df' },
  { key: 'blocked', label: 'Blocked', color: '#cf222e' },
  { key: 'short_circuited', label: 'Short-circuited', color: '#57606a' },
  { key: 'halted', label: 'Halted', color: '#24292f' },
];

export interface StackedProps {
  id: string;
  title: string;
  desc: string;
  categories: string[];
  series: Series[];
  values: Record<string, Record<string, number>>;
  format?: (n: number) => string;
  /** label of the category axis in the table */
  categoryLabel: string;
}

// a narrow canvas keeps the text readable when a phone scales the chart down
const W = 480, H = 240, PAD_L = 52, PAD_B = 34, PAD_T = 12, PAD_R = 6;

/** A legend swatch as SVG (the page's CSP allows no inline style attributes). */
const Swatch = ({ color }: { color: string }) => (
  <svg class="swatch" viewBox="0 0 10 10" width="14" height="14" aria-hidden="true"><rect width="10" height="10" rx="2" fill={color} /></svg>
);

/** A nice round top for the value axis. */
export function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

export function StackedBars(p: StackedProps) {
  const fmt = p.format ?? ((n: number) => String(n));
  const totals = p.categories.map((cat) => p.series.reduce((s, se) => s + (p.values[cat]?.[se.key] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotW = W - PAD_L - PAD_R, plotH = H - PAD_T - PAD_B;
  const slot = plotW / Math.max(1, p.categories.length);
  const barW = Math.max(4, Math.min(40, slot * 0.7));
  const y = (v: number) => PAD_T + plotH - (v / max) * plotH;
  const ticks = [0, max / 2, max];
  const every = Math.ceil(p.categories.length / 5);
  return (
    <figure class="chart" id={p.id}>
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-labelledby={`${p.id}-t ${p.id}-d`} preserveAspectRatio="xMidYMid meet">
        <title id={`${p.id}-t`}>{p.title}</title>
        <desc id={`${p.id}-d`}>{p.desc}</desc>
        {ticks.map((t) => (
          <g aria-hidden="true">
            <line x1={PAD_L} x2={W - PAD_R} y1={y(t)} y2={y(t)} class="grid" />
            <text x={PAD_L - 6} y={y(t) + 4} text-anchor="end" class="axis">{fmt(t)}</text>
          </g>
        ))}
        {p.categories.map((cat, i) => {
          let base = 0;
          const x = PAD_L + i * slot + (slot - barW) / 2;
          const parts = p.series.map((s) => ({ s, v: p.values[cat]?.[s.key] ?? 0 })).filter((x) => x.v > 0);
          const label = `${cat}: ${parts.length ? parts.map((x) => `${x.s.label} ${fmt(x.v)}`).join(', ') : 'none'}`;
          return (
            <g class="bar" tabindex={0} role="img" aria-label={label}>
              <title>{label}</title>
              <rect x={x - 2} y={PAD_T} width={barW + 4} height={plotH} class="hit" />
              {parts.map(({ s, v }) => {
                const top = y(base + v), h = y(base) - top;
                base += v;
                return <rect x={x} y={top} width={barW} height={Math.max(1, h)} fill={s.color} />;
              })}
              {i % every === 0 && <text x={x + barW / 2} y={H - PAD_B + 16} text-anchor="middle" class="axis" aria-hidden="true">{cat.slice(5)}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {p.series.map((s) => <li><Swatch color={s.color} />{s.label}</li>)}
        </ul>
        <details>
          <summary>Show the numbers</summary>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{p.title}</caption>
              <thead><tr><th scope="col">{p.categoryLabel}</th>{p.series.map((s) => <th scope="col">{s.label}</th>)}</tr></thead>
              <tbody>
                {p.categories.map((cat) => <tr><th scope="row">{cat}</th>{p.series.map((s) => <td class="num">{fmt(p.values[cat]?.[s.key] ?? 0)}</td>)}</tr>)}
              </tbody>
            </table>
          </div>
        </details>
      </figcaption>
    </figure>
  );
}

/** Horizontal bars for a handful of labelled values (outcomes per gate): the label above each bar. */
export function HBars({ id, title, desc, rows, format }: { id: string; title: string; desc: string; rows: Array<{ label: string; value: number; color?: string }>; format?: (n: number) => string }) {
  const fmt = format ?? ((n: number) => String(n));
  const max = niceMax(Math.max(0, ...rows.map((r) => r.value)));
  const rowH = 46, w = 480, h = Math.max(1, rows.length) * rowH + 4;
  return (
    <figure class="chart" id={id}>
      <svg viewBox={`0 0 ${w} ${h}`} role="group" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        {rows.map((r, i) => {
          const bw = ((w - 50) * r.value) / max;
          return (
            <g class="bar" tabindex={0} role="img" aria-label={`${r.label}: ${fmt(r.value)}`}>
              <title>{`${r.label}: ${fmt(r.value)}`}</title>
              <rect x={0} y={i * rowH} width={w} height={rowH - 2} class="hit" />
              <text x={2} y={i * rowH + 16} class="axis" aria-hidden="true">{r.label}</text>
              <rect x={2} y={i * rowH + 22} width={Math.max(1, bw)} height={18} fill={r.color ?? '#0969da'} />
              <text x={bw + 8} y={i * rowH + 36} class="axis" aria-hidden="true">{fmt(r.value)}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
