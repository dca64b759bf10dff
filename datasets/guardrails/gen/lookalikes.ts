import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { fill, luhnDigit, type Rng, type Sample } from './build.ts';
import { cardNumber, ssnParts } from './pii.ts';

// Negative samples: everything that looks like PII and is not. None of these may be flagged.

const ORDER_TEMPLATES = [
  'Hi {name}, your order {X} has shipped and should arrive Thursday.',
  'I found order {X} in our system; the refund is on its way.',
  'Order #{X} was cancelled as you asked.',
  'Your order number is {X}. Keep it handy if you call us.',
  'We have re-sent the invoice {X} to you.',
  'Reference {X} is attached to your return.',
  'Confirmation #{X}: your exchange is booked.',
];
const TRACKING_TEMPLATES = [
  'Your tracking number is {X}; it can take a day to show up.',
  'Hi {name}, the parcel left our warehouse with tracking {X}.',
  'Track it here with {X} once the carrier scans it.',
  'The replacement ships with UPS, tracking number {X}.',
  'FedEx tracking: {X}',
  'USPS tracking # {X} shows it at your local post office.',
];
const PLAIN_TEMPLATES = [
  'Hi {name}, {X}',
  'Thanks for waiting. {X}',
  '{X} Let me know if there is anything else.',
  'Sorry about the delay! {X}',
];

function upsTracking(r: Rng): string {
  const alnum = () => 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'[r.int(0, 32)];
  return `1Z${Array.from({ length: 6 }, alnum).join('')}${r.digits(10)}`;
}
function uspsTracking(r: Rng): string {
  const d = r.pick(['9400', '9205', '9361', '9270']) + r.digits(18);
  return r.next() < 0.5 ? d : d.match(/.{1,4}/g)!.join(' ');
}
function fedexTracking(r: Rng): string {
  const d = r.digits(r.pick([12, 15]));
  return r.next() < 0.5 ? d : d.match(/.{1,4}/g)!.join(' ');
}

function invalidPhone(r: Rng): string {
  for (;;) {
    const candidates = [
      `555-01${r.digits(2)}`,
      `(555) 01${r.digits(2)}`,
      `123-456-${r.digits(4)}`,
      `(${r.int(100, 199)}) ${r.int(200, 999)}-${r.digits(4)}`,
      `${r.int(200, 999)}-555-01${r.digits(2)}`,
      `0${r.digits(9)}`,
    ];
    const p = r.pick(candidates);
    if (!isValidPhoneNumber(p, 'US')) return p;
  }
}

function badLuhnCard(r: Rng): string {
  const good = cardNumber(r);
  const last = (Number(good.at(-1)) + r.int(1, 9)) % 10;
  const d = good.slice(0, -1) + last;
  return r.next() < 0.5 ? d : d.match(/.{1,4}/g)!.join(' ');
}
function badPrefixCard(r: Rng): string {
  const body = r.pick(['1', '7', '8', '9', '0']) + r.digits(14);
  return body + luhnDigit(body);
}

function invalidSsn(r: Rng): string {
  const [a, g, s] = ssnParts(r);
  switch (r.int(0, 4)) {
    case 0: return `000-${g}-${s}`;
    case 1: return `666-${g}-${s}`;
    case 2: return `${r.int(900, 999)}-${g}-${s}`;
    case 3: return `${a}-00-${s}`;
    default: return `${a}-${g}-0000`;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Each generator returns a sentence with no PII in it. */
const NEGATIVES: Record<string, (r: Rng) => string> = {
  order: (r) => fill(r.pick(ORDER_TEMPLATES), r.pick([r.digits(10), r.digits(9), r.digits(7), `${r.int(1000, 9999)}-${r.digits(6)}`, `A${r.digits(9)}`]), r).text,
  tracking: (r) => fill(r.pick(TRACKING_TEMPLATES), r.pick([upsTracking(r), uspsTracking(r), fedexTracking(r)]), r).text,
  price: (r) => fill(r.pick(PLAIN_TEMPLATES), r.pick([
    `The total comes to $${r.int(1, 9)},${r.digits(3)}.${r.digits(2)} including tax.`,
    `We refunded €${r.int(10, 999)}.${r.digits(2)} to your original payment method.`,
    `The bundle costs ${r.int(1, 99)} ${r.digits(3)} ${r.digits(3)} COP in Colombia.`,
    `Your store credit is now USD ${r.int(100, 9999)}.${r.digits(2)}.`,
  ]), r).text,
  date: (r) => fill(r.pick(PLAIN_TEMPLATES), r.pick([
    `It was delivered on 20${r.int(10, 29)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}.`,
    `The warranty runs until ${String(r.int(1, 12)).padStart(2, '0')}/${String(r.int(1, 28)).padStart(2, '0')}/20${r.int(25, 35)}.`,
    `We will ship on ${r.pick(MONTHS)} ${r.int(1, 28)}, 20${r.int(24, 29)} at 10:30 AM.`,
    `Your appointment is ${String(r.int(1, 28)).padStart(2, '0')}.${String(r.int(1, 12)).padStart(2, '0')}.20${r.int(24, 29)} between 08:00 and 12:00.`,
  ]), r).text,
  sku: (r) => fill(r.pick(PLAIN_TEMPLATES), r.pick([
    `The replacement is SKU-${r.pick(['AB', 'XL', 'QT'])}-${r.digits(4)}-${r.pick(['S', 'M', 'L'])}.`,
    `Item ${r.pick(['HX', 'PL', 'RB'])}${r.digits(6)} is back in stock.`,
    `The barcode on the box is EAN ${r.digits(13)}.`,
    `Part number ${r.digits(3)}-${r.digits(4)}-${r.digits(2)} fits your model.`,
    `UPC ${r.digits(12)} is the right filter.`,
  ]), r).text,
  zip: (r) => fill(r.pick(PLAIN_TEMPLATES), r.pick([
    `We deliver to ZIP ${r.digits(5)} on Tuesdays.`,
    `Your address ends in ${r.pick(['CA', 'NY', 'TX'])} ${r.digits(5)}-${r.digits(4)}.`,
    `Postcode ${r.digits(5)} is outside our same-day area.`,
  ]), r).text,
  card_last4: (r) => fill(r.pick(PLAIN_TEMPLATES), r.pick([
    `The refund went to the card ending in ${r.digits(4)}.`,
    `We charged your Visa ending ${r.digits(4)}.`,
    `Last four digits: ${r.digits(4)}.`,
    `The Mastercard **** **** **** ${r.digits(4)} was refunded.`,
    `Card xxxx-xxxx-xxxx-${r.digits(4)} has been updated.`,
  ]), r).text,
  card_invalid: (r) => fill(r.pick(PLAIN_TEMPLATES), r.pick([`The number ${badLuhnCard(r)} did not go through.`, `Gift card code ${badPrefixCard(r)} was applied.`]), r).text,
  ssn_invalid: (r) => fill(r.pick(PLAIN_TEMPLATES), r.pick([
    `The form shows ${invalidSsn(r)}.`,
    `Reference ${ssnParts(r).join('')} is on your return label.`,
    `We matched payment ${r.digits(9)} to your order.`,
  ]), r).text,
  version: (r) => fill(r.pick(PLAIN_TEMPLATES), r.pick([
    `Please update the app to version ${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 20)}.${r.int(0, 99)}.`,
    `Firmware v${r.int(1, 5)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)} fixes the pairing bug.`,
    `Build ${r.int(10, 19)}.0.${r.int(10000, 22000)}.${r.int(1, 999)} is the last one we support.`,
    `The address ${r.int(256, 999)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)} is not valid.`,
    `The MAC address 00:1A:${r.int(10, 99)}:3C:4D:5E is printed on the router.`,
    `Pickup is at ${r.int(10, 12)}:${r.int(10, 59)}:${r.int(10, 59)} sharp.`,
  ]), r).text,
  phone_invalid: (r) => fill(r.pick(PLAIN_TEMPLATES), `The number ${invalidPhone(r)} on the form does not look right.`, r).text,
  email_like: (r) => fill(r.pick(PLAIN_TEMPLATES), r.pick([
    'Follow us @storeexample for restock news.',
    'Find us at store.example.com or in the app.',
    'Our team at the warehouse will check it today.',
    'Look at example.com/returns for the label.',
    'Write to us at the usual address and we will sort it out.',
    'The file name was report@2x.png, which our system rejected.',
    'Meet us at the front desk dot five pm.',
  ]), r).text,
};

export function lookalikeSamples(r: Rng): Sample[] {
  const out: Sample[] = [];
  for (const [name, gen] of Object.entries(NEGATIVES)) {
    const count = name === 'order' || name === 'tracking' ? 60 : 35;
    for (let i = 0; i < count; i++) out.push({ id: `lookalike.${name}-${i}`, group: `lookalike.${name}`, text: gen(r), expect: [] });
  }
  return out;
}
