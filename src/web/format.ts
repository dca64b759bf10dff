// Small formatting helpers shared by the pages (pure).

export function money(amount: number | null | undefined, currency = 'USD'): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function moneyMap(m: Record<string, number> | undefined): string {
  const entries = Object.entries(m ?? {});
  if (!entries.length) return money(0);
  return entries.map(([cur, n]) => money(n, cur)).join(' + ');
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`;
}

/** `awaiting_approval` → `awaiting approval` */
export const words = (s: string | null | undefined) => (s ? s.replace(/_/g, ' ') : '—');

/** The gate ids of the spec, as a merchant reads them. */
export const GATE_LABELS: Record<string, string> = {
  kill_switch: 'Kill switch', shadow_mode: 'Shadow mode', classification_confidence: 'Classification confidence',
  short_circuit: 'Spam & escalation short-circuit', abuse_detection: 'Abuse detection', risk_signals: 'Risk signals',
  escalation_rules: 'Escalation rules', entity_validation: 'Entity validation', monetary_threshold: 'Monetary threshold',
  rate_limits: 'Rate & customer limits', first_time_approval: 'First-time approval', output_guardrails: 'Output guardrails',
};
export const gateLabel = (g: string | null | undefined) => (g ? GATE_LABELS[g] ?? words(g) : '—');
