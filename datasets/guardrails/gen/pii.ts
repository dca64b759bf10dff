import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { fill, luhnDigit, type Rng, type Sample } from './build.ts';

// Positive PII samples: every type, in the formats people actually write, inside support replies.

const FIRST = ['jane', 'omar', 'priya', 'luis', 'mei', 'tom', 'aisha', 'noah', 'sofia', 'kwame', 'elena', 'sam'];
const LAST = ['doe', 'khan', 'patel', 'garcia', 'chen', 'smith', 'bello', 'kim', 'rossi', 'mensah', 'novak', 'lee'];
const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'example.com', 'mail.example.org', 'shop.co.uk', 'proton.me', 'icloud.com', 'company.io', 'uni.edu'];

const EMAIL_TEMPLATES = [
  'Hi {name}, we have updated the e-mail on your account to {X}. Let us know if that looks wrong.',
  'I have forwarded your request to {X} and they will reply within two business days.',
  'The receipt was sent to {X}; please check your spam folder too.',
  'Sorry for the confusion! Our records show {X} as the contact address.',
  '{X} is the address we will use for the return label.',
  'Could you confirm that {X} is still the best way to reach you?',
];
const PHONE_TEMPLATES = [
  'Hi {name}, the courier will call you at {X} before delivery.',
  'We tried to reach you on {X} but could not get through.',
  'Your installer can be reached directly at {X} if you need to reschedule.',
  'I have noted {X} as your callback number.',
  'Thanks {name}! The store manager will phone {X} tomorrow morning.',
  'Text {X} if the parcel is not there by Friday.',
];
const CARD_TEMPLATES = [
  'The refund went back to the card {X} on Tuesday.',
  'Hi {name}, we charged {X} for the replacement part.',
  'Our system still shows {X} as the payment method.',
  'The card number {X} was declined by the bank, sorry about that.',
  'I can see the payment from {X}; it should settle in 3-5 days.',
];
const SSN_TEMPLATES = [
  'For the warranty claim we have SSN {X} on file.',
  'Hi {name}, the tax form lists {X} as the social security number.',
  'Your social security number {X} has been removed from the order notes.',
  'The form you sent shows {X}; we do not need it, so we will delete it.',
];
const SSN_CONTEXT_TEMPLATES = [
  'For the warranty claim we have SSN {X} on file.',
  'Your social security number {X} has been removed from the order notes.',
  'The SSN: {X} was on the form, which we do not need.',
  'Hi {name}, the form listed your Social Security number as {X}; please never send that to us.',
];
const IP_TEMPLATES = [
  'We noticed a login to your account from {X} yesterday.',
  'Hi {name}, the payment was attempted from IP address {X}.',
  'Your router at {X} did not answer the firmware check.',
  'Access from {X} has been blocked after five failed attempts.',
  'The request came from {X}, which is not one of your usual locations.',
];

// Area codes in service (NANPA) and exchanges 2xx-9xx; 555-01xx is reserved for fiction, so avoided.
const NPAS = ['212', '415', '312', '617', '303', '206', '512', '713', '404', '305', '702', '602', '503', '615', '919', '801', '408', '646', '718', '213', '310', '469', '720', '857'];

function email(r: Rng): string {
  const f = r.pick(FIRST);
  const l = r.pick(LAST);
  const d = r.pick(DOMAINS);
  const [host, ...tld] = d.split('.');
  switch (r.int(0, 8)) {
    case 0: return `${f}.${l}@${d}`;
    case 1: return `${f}_${l}${r.int(1, 99)}@${d}`;
    case 2: return `${f}+orders@${d}`;
    case 3: return `${f[0]}${l}@${d}`.toUpperCase();
    case 4: return `${f} dot ${l} at ${host} dot ${tld.join(' dot ')}`;
    case 5: return `${f}(at)${host}(dot)${tld.join('(dot)')}`;
    case 6: return `${f} [at] ${host} [dot] ${tld.join(' [dot] ')}`;
    case 7: return `${f}.${l} at gmail.com`;
    default: return `${f}${r.int(10, 999)}@${d}`;
  }
}

function usPhone(r: Rng): string {
  const npa = r.pick(NPAS);
  const nxx = `${r.int(2, 9)}${r.digits(2)}`.replace(/^(\d)11$/, '$121');
  let line = r.digits(4);
  if (nxx === '555' && line.startsWith('01')) line = `2${line.slice(1)}`;
  switch (r.int(0, 7)) {
    case 0: return `(${npa}) ${nxx}-${line}`;
    case 1: return `${npa}-${nxx}-${line}`;
    case 2: return `${npa}.${nxx}.${line}`;
    case 3: return `${npa} ${nxx} ${line}`;
    case 4: return `${npa}${nxx}${line}`;
    case 5: return `+1 ${npa} ${nxx} ${line}`;
    case 6: return `1-${npa}-${nxx}-${line}`;
    default: return `+1 (${npa}) ${nxx}-${line}`;
  }
}

function intlPhone(r: Rng): string {
  switch (r.int(0, 5)) {
    case 0: return `+44 20 7946 0${r.digits(3)}`;
    case 1: return `+44 7700 900${r.digits(3)}`;
    case 2: return `+49 30 ${r.int(2, 9)}${r.digits(7)}`;
    case 3: return `+33 1 ${r.int(40, 49)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`;
    case 4: return `+61 2 9${r.digits(3)} ${r.digits(4)}`;
    default: return `+34 91 ${r.digits(3)} ${r.digits(2)} ${r.digits(2)}`;
  }
}

function phone(r: Rng): string {
  for (;;) {
    const p = r.next() < 0.7 ? usPhone(r) : intlPhone(r);
    if (isValidPhoneNumber(p, 'US')) return p; // the generator's own sanity check, not the label source
  }
}

const NETWORKS: [string[], number[]][] = [
  [['4'], [16, 16, 13, 19]],
  [['51', '52', '53', '54', '55', '2221', '2500', '2720'], [16]],
  [['34', '37'], [15]],
  [['6011', '644', '65'], [16]],
  [['36', '300', '305', '38'], [14]],
  [['3528', '3589'], [16]],
  [['62'], [16, 19]],
  [['5018', '6759', '6304'], [16, 13]],
];

export function cardNumber(r: Rng): string {
  const [prefixes, lengths] = r.pick(NETWORKS);
  const prefix = r.pick(prefixes);
  const len = r.pick(lengths);
  const body = prefix + r.digits(len - prefix.length - 1);
  return body + luhnDigit(body);
}

function groupCard(d: string, sep: string): string {
  if (d.length === 15) return [d.slice(0, 4), d.slice(4, 10), d.slice(10)].join(sep);
  if (d.length === 14) return [d.slice(0, 4), d.slice(4, 10), d.slice(10)].join(sep);
  return d.match(/.{1,4}/g)!.join(sep);
}

function card(r: Rng): string {
  const d = cardNumber(r);
  const style = r.int(0, 2);
  return style === 0 ? d : groupCard(d, style === 1 ? ' ' : '-');
}

export function ssnParts(r: Rng): [string, string, string] {
  let area = r.int(1, 899);
  if (area === 666) area = 667;
  return [String(area).padStart(3, '0'), String(r.int(1, 99)).padStart(2, '0'), String(r.int(1, 9999)).padStart(4, '0')];
}

function ipv4(r: Rng): string {
  const first = r.pick([10, 172, 192, 8, 23, 45, 66, 81, 104, 151, 203, 212]);
  return [first, r.int(0, 255), r.int(0, 255), r.int(1, 254)].join('.');
}

function ipv6(r: Rng): string {
  const h = () => r.int(0, 0xffff).toString(16);
  switch (r.int(0, 4)) {
    case 0: return `2001:db8:${h()}:${h()}::${h()}`;
    case 1: return `fe80::${h()}:${h()}:${h()}:${h()}`;
    case 2: return Array.from({ length: 8 }, h).join(':');
    case 3: return `2a02:${h()}:${h()}::${h()}`;
    default: return `::ffff:${ipv4(r)}`;
  }
}

export function piiSamples(r: Rng): Sample[] {
  const out: Sample[] = [];
  const add = (group: string, built: { text: string; expect: Sample['expect'] }) => out.push({ id: `${group}-${out.length}`, group, ...built });
  for (let i = 0; i < 160; i++) add('pii.email', fill(r.pick(EMAIL_TEMPLATES), { type: 'email', text: email(r) }, r));
  for (let i = 0; i < 200; i++) add('pii.phone', fill(r.pick(PHONE_TEMPLATES), { type: 'phone', text: phone(r) }, r));
  for (let i = 0; i < 160; i++) add('pii.credit_card', fill(r.pick(CARD_TEMPLATES), { type: 'credit_card', text: card(r) }, r));
  for (let i = 0; i < 100; i++) {
    const [a, g, s] = ssnParts(r);
    add('pii.ssn', fill(r.pick(SSN_TEMPLATES), { type: 'ssn', text: r.next() < 0.8 ? `${a}-${g}-${s}` : `${a} ${g} ${s}` }, r));
  }
  for (let i = 0; i < 40; i++) add('pii.ssn', fill(r.pick(SSN_CONTEXT_TEMPLATES), { type: 'ssn', text: ssnParts(r).join('') }, r));
  for (let i = 0; i < 150; i++) add('pii.ip_address', fill(r.pick(IP_TEMPLATES), { type: 'ip_address', text: r.next() < 0.55 ? ipv4(r) : ipv6(r) }, r));
  return out;
}
