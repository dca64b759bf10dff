import { compile } from 'html-to-text';

/**
 * From an e-mail's parts to the text a ticket is made of: HTML reduced to text, then the quoted
 * history and the signature removed, so order ids in an old quoted message or a signature
 * ("Order #1001 confirmed", "Ref 12345") are never extracted as if the customer wrote them now.
 */

/** Elements that hold quoted history in the HTML of common clients: skipped before conversion. */
const QUOTE_SELECTORS = [
  'blockquote',
  'div.gmail_quote', // Gmail
  'div.gmail_signature',
  'div.yahoo_quoted', // Yahoo
  // Outlook web's quoted message follows its header block (div#divRplyFwdMsg) as siblings, which a
  // selector cannot skip: the header block is kept as text and cut by the header-block rule below.
  'div.moz-cite-prefix', // Thunderbird
  'div.moz-signature',
  'head', 'style', 'script',
];

// Compiled once: html-to-text builds its selector tables per options object.
const convertHtml = compile({
  wordwrap: false,
  selectors: [
    ...QUOTE_SELECTORS.map((selector) => ({ selector, format: 'skip' })),
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
  ],
});

export function htmlToText(html: string): string {
  return convertHtml(html);
}

/** The first line of quoted history; everything from it on is dropped. */
const QUOTE_HEADERS: RegExp[] = [
  // "On Mon, 3 Mar 2026 at 10:00, Acme Support <help@acme.test> wrote:" (may wrap; joined below)
  /^\s*On\b.{0,300}\bwrote:\s*$/i,
  /^\s*Le\b.{0,300}\ba écrit\s*:\s*$/i,
  /^\s*Am\b.{0,300}\bschrieb\b.{0,100}:\s*$/i,
  /^\s*El\b.{0,300}\bescribió:\s*$/i,
  /^\s*Op\b.{0,300}\bschreef\b.{0,100}:\s*$/i,
  /^\s*Il giorno\b.{0,300}\bha scritto:\s*$/i,
  /^\s*-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^\s*-{2,}\s*Reply above this line\s*-{2,}\s*$/i,
  /^\s*#{2,}-?\s*Please (type|write) your reply above this line\s*-?#{2,}\s*$/i, // Zendesk and other help desks
  /^\s*_{10,}\s*$/, // Outlook's rule before "From: … Sent: …"
];

const FORWARDED = /forwarded message|begin forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|doorgestuurd bericht/i;

/**
 * Outlook / Apple Mail header blocks: "From: …" followed shortly by "Sent:"/"Date:" and "To:"/"Subject:".
 * Not when it heads a forwarded message: a customer who forwards the shop's mail means its content.
 */
function isHeaderBlock(lines: string[], i: number): boolean {
  if (!/^\s*\*?(From|Von|De|Van)\s*:\*?\s*\S/i.test(lines[i])) return false;
  const before = lines.slice(Math.max(i - 3, 0), i).filter((l) => l.trim());
  if (before.length && FORWARDED.test(before[before.length - 1])) return false;
  const next = lines.slice(i + 1, i + 6).join('\n');
  return /^\s*\*?(Sent|Date|Gesendet|Envoyé|Datum|Enviado)\s*:/im.test(next) && /^\s*\*?(To|Subject|An|À|Betreff|Objet|Asunto)\s*:/im.test(next);
}

/** A signature starts here: the standard "-- " separator, or a mobile client's footer. */
const SIGNATURE_START: RegExp[] = [
  /^--\s*$/,
  /^\s*Sent from my (iPhone|iPad|Android|Samsung|Galaxy|Pixel|mobile|phone|BlackBerry)\b.*$/i,
  /^\s*Sent from (Mail|Outlook|Yahoo Mail|Gmail)\b.*$/i,
  /^\s*Get Outlook for (iOS|Android)\b.*$/i,
  /^\s*Envoyé de mon (iPhone|iPad)\b.*$/i,
  /^\s*Von meinem (iPhone|iPad)\b.*$/i,
];

/** A closing ("Thanks," "Best regards,") followed only by a few short lines (name, title, phone). */
const CLOSING = /^\s*(thanks( again| so much| a lot)?|thank you( so much| very much| again)?|many thanks|thx|cheers|best|best wishes|all the best|regards|best regards|kind regards|warm regards|warmest regards|sincerely|yours sincerely|yours truly|respectfully|talk soon|merci|cordialement|mit freundlichen grüßen|viele grüße|saludos|un saludo)\s*[,.!]*\s*$/i;
const MAX_SIGNATURE_LINES = 6;
const MAX_SIGNATURE_LINE_CHARS = 80;

export function stripQuotedAndSignature(text: string): string {
  let lines = text.replace(/\r\n?/g, '\n').split('\n');

  // Quoted history: cut at the first header of a quoted message.
  for (let i = 0; i < lines.length; i++) {
    // "On … <x@y>" + "wrote:" on the next line (clients wrap the attribution)
    const joined = i + 1 < lines.length ? `${lines[i]} ${lines[i + 1]}` : lines[i];
    if (QUOTE_HEADERS.some((re) => re.test(lines[i])) || isHeaderBlock(lines, i) || (/^\s*On\b/i.test(lines[i]) && QUOTE_HEADERS[0].test(joined))) {
      lines = lines.slice(0, i);
      break;
    }
  }
  // Quoted lines anywhere ("> …"), as interleaved replies leave them.
  lines = lines.filter((line) => !/^\s*>/.test(line));

  // Signature: the first separator or mobile footer …
  const sig = lines.findIndex((line) => SIGNATURE_START.some((re) => re.test(line)));
  if (sig >= 0) lines = lines.slice(0, sig);
  // … or a closing near the end followed only by short lines.
  trimEnd(lines);
  for (let i = Math.max(lines.length - MAX_SIGNATURE_LINES - 1, 0); i < lines.length; i++) {
    if (CLOSING.test(lines[i]) && lines.slice(i + 1).every((l) => l.trim().length <= MAX_SIGNATURE_LINE_CHARS)) {
      lines = lines.slice(0, i);
      break;
    }
  }
  trimEnd(lines);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function trimEnd(lines: string[]): void {
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
}

/** The body of a ticket: the text part when it says something, otherwise the HTML reduced to text. */
export function emailBody(parts: { text: string; html: string }): string {
  const text = parts.text.trim() ? parts.text : parts.html.trim() ? htmlToText(parts.html) : '';
  return stripQuotedAndSignature(text);
}
