/** What the guardrails return for one text (see ../shared/spec/guardrails.md). */
export type GuardKind = 'reply' | 'call';

export type FindingType =
  | 'email' | 'phone' | 'credit_card' | 'ssn' | 'ip_address'
  | 'blocked_pattern'
  | 'profanity' | 'threat' | 'discrimination' | 'all_caps' | 'aggressive'
  | 'missing_required'
  | 'pricing' | 'diagnosis' | 'guarantee' | 'commitment' | 'unsafe_advice';

export interface Finding {
  type: FindingType;
  /** UTF-16 offsets into the input text, end exclusive. A missing_required finding has start = end = text.length. */
  start: number;
  end: number;
  severity: 'soft' | 'hard';
  /** e.g. `pii.phone`, `blocked.no-competitors`, `tone.profanity`, `required.refund-policy`, `call.pricing` */
  rule: string;
  /** blocked_pattern only */
  category?: string;
  /** the matched text, for people reading a report (never logged for PII) */
  match?: string;
}

export interface GuardResult {
  verdict: 'pass' | 'redacted' | 'blocked';
  findings: Finding[];
  /** the text as it would be sent (redacted, required content appended), or null when blocked */
  text: string | null;
}

export interface GuardOptions {
  kind?: GuardKind;
  intent?: string;
}
