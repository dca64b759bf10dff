// Pieces several pages show: an action line, an outcome, a highlighted reply.
import type { Finding } from '../../guardrails/types.ts';
import { segments } from '../highlight.ts';
import { money, words, gateLabel } from '../format.ts';
import { Tag } from '../layout.tsx';

export function Outcome({ outcome, wouldBe }: { outcome: string | null; wouldBe?: string | null }) {
  if (outcome === 'shadow') {
    return (
      <span class="outcome">
        <Tag value="shadow" /> <span class="would">would be</span> <Tag value={wouldBe ?? 'unknown'} />
      </span>
    );
  }
  return <Tag value={outcome ?? 'queued'} />;
}

export interface ActionLike {
  type: string;
  orderId: string;
  amount: number;
  currency: string;
  status: string;
  note?: string | null;
  gate?: string | null;
}

export function ActionLine({ a }: { a: ActionLike }) {
  return (
    <li class="action">
      <strong>{words(a.type)}</strong> order #{a.orderId} · {money(a.amount, a.currency)} · <Tag value={a.status} />
      {a.note && (
        <span class="note">
          {' '}— {gateLabel(a.gate)}: {a.note}
        </span>
      )}
    </li>
  );
}

const FINDING_LABEL: Record<string, string> = {
  email: 'e-mail address', phone: 'phone number', credit_card: 'card number', ssn: 'SSN', ip_address: 'IP address',
  blocked_pattern: 'blocked pattern', missing_required: 'missing required content', all_caps: 'all caps',
};
export const findingLabel = (f: Finding) => `${FINDING_LABEL[f.type] ?? words(f.type)} (${f.severity}, ${f.rule})`;

/** The draft reply with each guardrail finding marked; a list of the findings below it as text. */
export function HighlightedReply({ text, findings }: { text: string; findings: Finding[] }) {
  const pieces = segments(text, findings);
  const atEnd = findings.filter((f) => f.end <= f.start);
  return (
    <div class="reply">
      <p class="reply-text">
        {pieces.map((p) =>
          p.findings.length ? (
            <mark class={p.findings.some((f) => f.severity === 'hard') ? 'hard' : 'soft'} title={p.findings.map(findingLabel).join('; ')}>
              {p.text}
              <span class="visually-hidden"> [{p.findings.map(findingLabel).join('; ')}]</span>
            </mark>
          ) : (
            p.text
          ),
        )}
      </p>
      {findings.length > 0 && (
        <ul class="findings" aria-label="Guardrail findings">
          {findings.map((f) => (
            <li>
              <span class={`sev ${f.severity}`}>{f.severity}</span> {findingLabel(f)}
              {f.end > f.start ? ` at characters ${f.start}–${f.end}` : ''}
            </li>
          ))}
        </ul>
      )}
      {atEnd.length === 0 && findings.length === 0 && <p class="muted">No guardrail findings.</p>}
    </div>
  );
}
