// Twilio's request signature (X-Twilio-Signature): HMAC-SHA1, keyed with the account's auth token, over
// the full URL followed by every POST parameter as name+value, names sorted; base64. Per Twilio's
// "Webhooks security" documentation. Compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type FormParams = Record<string, string | string[]>;

/** The signature Twilio would send for this URL and form body. */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    for (const v of Array.isArray(value) ? [...value].sort() : [value]) data += name + v;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * True when `signature` matches the URL as given, or the same URL with/without the default port
 * (Twilio signs what it called, and proxies disagree about ":443").
 */
export function verifyTwilioSignature(authToken: string, url: string, params: FormParams, signature: string | undefined | null): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature);
  return urlVariants(url).some((candidate) => {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

function urlVariants(url: string): string[] {
  const variants = new Set([url]);
  try {
    const parsed = new URL(url);
    // URL drops a default port, so parsed.port is '' for both "host" and "host:443": try both spellings
    if (parsed.port === '') {
      const defaultPort = parsed.protocol === 'https:' ? '443' : '80';
      variants.add(`${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search}`);
      variants.add(`${parsed.protocol}//${parsed.hostname}:${defaultPort}${parsed.pathname}${parsed.search}`);
    }
  } catch {
    // not an absolute URL: only the exact string can match
  }
  return [...variants];
}
