// The few TwiML verbs the voice line needs: <Say>, <Gather input="speech">, <Dial>, <Hangup>, <Redirect>.

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export interface VoiceOptions {
  voice?: string;
  language?: string;
}

const say = (text: string, o: VoiceOptions) =>
  text ? `<Say${o.voice ? ` voice="${escapeXml(o.voice)}"` : ''}${o.language ? ` language="${escapeXml(o.language)}"` : ''}>${escapeXml(text)}</Say>` : '';

const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;

/** Says `text` while listening for speech; posts what was heard to `action`, or comes back there on silence. */
export function gatherTwiml(text: string, action: string, o: VoiceOptions = {}): string {
  const a = escapeXml(action);
  return wrap(`<Gather input="speech" action="${a}" method="POST" speechTimeout="auto"${o.language ? ` language="${escapeXml(o.language)}"` : ''}>${say(text, o)}</Gather><Redirect method="POST">${a}</Redirect>`);
}

/** Says `text`, then rings the on-call numbers together; the first to answer gets the caller. */
export function dialTwiml(text: string, numbers: string[], o: VoiceOptions = {}): string {
  return wrap(`${say(text, o)}<Dial timeout="30">${numbers.map((n) => `<Number>${escapeXml(n)}</Number>`).join('')}</Dial>`);
}

export function hangupTwiml(text: string, o: VoiceOptions = {}): string {
  return wrap(`${say(text, o)}<Hangup/>`);
}
