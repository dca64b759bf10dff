// SMS through Twilio's REST API: POST {baseUrl}/2010-04-01/Accounts/{sid}/Messages.json, form-encoded
// To/From/Body, HTTP basic auth (account SID : auth token). The base URL is configurable so tests
// (and Twilio-compatible providers) can point it elsewhere.

export interface TwilioSmsOptions {
  accountSid: string;
  authToken: string;
  from: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface SmsSender {
  send(to: string, body: string): Promise<{ id: string }>;
}

/** SMS bodies are cut to this many characters (Twilio's limit is 1,600). */
export const SMS_MAX = 1_500;

export function createTwilioSms({ accountSid, authToken, from, baseUrl = 'https://api.twilio.com', fetch: doFetch = fetch }: TwilioSmsOptions): SmsSender {
  const url = `${baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  return {
    async send(to, body) {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ To: to, From: from, Body: body.slice(0, SMS_MAX) }),
      });
      const payload = (await response.json().catch(() => ({}))) as { sid?: string; message?: string; code?: number };
      // the error names the status and Twilio's message, never the credentials
      if (!response.ok) throw new Error(`SMS to ${to} failed: HTTP ${response.status}${payload.message ? ` (${payload.code ?? ''} ${payload.message})` : ''}`);
      return { id: payload.sid ?? '' };
    },
  };
}
