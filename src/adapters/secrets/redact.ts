/**
 * Redaction for log lines and error messages: known secret values (the tokens an adapter holds)
 * are replaced wherever they appear, and well-known credential shapes are masked even when we
 * were not told about them (defence in depth for a token pasted into a ticket or a URL).
 *
 * @example
 *   const redact = createRedactor([accessToken]);
 *   logger.info(redact(`calling ${url} with ${headers}`));
 */

const MASK = '[redacted]';

/** Credential shapes masked everywhere. Each keeps its label (the `Bearer `, the header name). */
export const SECRET_PATTERNS: readonly { name: string; pattern: RegExp; keep?: number }[] = [
  // Shopify tokens: shpat_ (admin), shpca_ (custom app), shppa_ (private app), shpss_ (shared secret)
  { name: 'shopify_token', pattern: /\bshp(?:at|ca|pa|ss)_[A-Za-z0-9]{8,}\b/g },
  // OpenAI-style and common provider keys
  { name: 'api_key', pattern: /\bsk-(?:proj-|live-|test-)?[A-Za-z0-9_-]{16,}\b/g },
  // Authorization headers and bearer tokens, in any casing; keep "Bearer " so the line still reads
  { name: 'bearer', pattern: /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, keep: 1 },
  { name: 'basic', pattern: /\b(Basic\s+)[A-Za-z0-9+/=]{8,}/gi, keep: 1 },
  // header or key=value forms: X-Shopify-Access-Token: …, api_key=…, "password":"…"
  {
    name: 'labelled',
    pattern: /((?:x-shopify-access-token|access[_-]?token|api[_-]?key|apikey|authorization|password|secret|client[_-]?secret)["']?\s*[:=]\s*["']?)([^\s"',;&}]{4,})/gi,
    keep: 1,
  },
  // our own encrypted-at-rest format: never useful in a log line
  { name: 'sealed', pattern: /\bv1:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*/g },
];

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A redactor for a fixed set of known secrets (values shorter than 4 characters are ignored:
 * masking "abc" everywhere would destroy the line and protect nothing).
 */
export function createRedactor(knownSecrets: readonly (string | null | undefined)[] = []): (text: string) => string {
  const known = [...new Set(knownSecrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))]
    // longest first, so a secret that contains another is masked whole
    .sort((a, b) => b.length - a.length);
  const knownPattern = known.length ? new RegExp(known.map(escapeRegExp).join('|'), 'g') : null;
  return function redact(text: string): string {
    let out = String(text);
    if (knownPattern) out = out.replace(knownPattern, MASK);
    for (const { pattern, keep } of SECRET_PATTERNS) {
      out = out.replace(pattern, (...m: string[]) => (keep ? `${m[keep]}${MASK}` : MASK));
    }
    return out;
  };
}

/** One-off form of createRedactor. */
export function redactSecrets(text: string, knownSecrets: readonly (string | null | undefined)[] = []): string {
  return createRedactor(knownSecrets)(text);
}
