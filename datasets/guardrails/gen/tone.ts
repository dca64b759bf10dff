import { compose, fill, type Rng, type Sample } from './build.ts';

// Toxic replies (each labelled with what makes it toxic) and clean replies (nothing may be flagged),
// including innocent words that contain rude substrings.

const WRAP = [
  '{X}',
  'Hi {name}, {X}',
  'Thanks for your message. {X}',
  '{X} Anything else?',
  'Look, {X}',
  'Regarding your refund: {X}',
];

const PROFANE = ['shit', 'fuck', 'fucking', 'bullshit', 'asshole', 'bitch', 'bastard', 'crap', 'damn', 'dumbass', 'motherfucker', 'piss', 'wanker', 'twat', 'dickhead', 'cunt', 'goddamn', 'jackass'];
const PROFANE_FRAMES = [
  'this is {w} and you know it.',
  'what the {w} do you want now?',
  "I don't give a {w} about your order.",
  'your complaint is {w}.',
  'stop being such a {w}.',
  '{w}, the parcel is late again.',
];

const LEET: Record<string, string> = { a: '@', e: '3', i: '1', o: '0', s: '$', t: '7' };
const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х' };

/** The evasions a writer uses to slip a word past a filter. */
const EVASIONS: ((w: string, r: Rng) => string)[] = [
  (w) => w,
  (w) => w.toUpperCase(),
  (w) => w[0].toUpperCase() + w.slice(1),
  (w, r) => [...w].map((c, i) => (i > 0 && LEET[c] && r.next() < 0.7 ? LEET[c] : c)).join(''),
  (w) => w.replace(/^([^aeiou]+)[aeiou]/, '$1*'),
  (w) => [...w].join(' '),
  (w) => [...w].join('.'),
  (w) => w.replace(/([aeiou])/, '$1$1$1'),
  (w) => [...w].map((c) => CYRILLIC[c] ?? c).join(''),
  (w) => `${w.slice(0, 2)}\u200b${w.slice(2)}`,
  (w) => (w.startsWith('s') ? `$${w.slice(1)}` : w.replace('i', '!')),
];

const THREATS = [
  'I will find where you live and make you pay.', "We'll make your life hell if you post that review.", 'I know where you live.',
  'Watch your back.', "You'll regret this.", 'Cancel that chargeback or else.', 'I will hurt you if you call again.',
  "I'm going to kill you.", 'We will hunt you down.', 'I hope you die.', "You're dead.", 'Sleep with one eye open.',
  'Something bad will happen to you.', 'We know where you work.', "Go die, nobody wants your business.", "I'll beat you up.",
  'Keep complaining and we will burn down your store.', 'I will strangle you.', "You're going to regret it.", 'We will destroy you.',
];
const DISCRIMINATION = [
  'Women are too emotional to understand returns.', 'We do not serve your kind.', 'Go back to your own country.',
  "Immigrants are all thieves, so no refund.", 'Because you are a woman you would not get it.', 'Typical foreigner, always complaining.',
  "Muslims are not welcome here.", "Old people can't understand technology.", 'We refuse to serve people like you.',
  'Learn English before you write to us.', 'Speak proper English or we will not reply.', 'Mexicans are lazy.', 'That retarded request is denied.',
  'Gays are disgusting.', "Because you're black we flagged the order.", 'Stop acting like a tranny.',
];
const AGGRESSIVE = [
  "That's your problem, not ours.", 'Stop wasting my time.', 'Read the instructions next time.', 'Are you stupid?', "What's wrong with you?",
  'How many times do I have to explain this?', 'I already told you twice.', 'Figure it out yourself.', 'Deal with it.', 'Shut up and wait.',
  'Nobody cares about your parcel.', 'Calm down.', "It's not rocket science.", 'Use your brain.', "It's your own fault.",
  "Don't email us again.", 'Stop bothering us.', "You're being ridiculous.", 'You people never read anything.', 'Not my problem.',
  'You are an idiot.', 'What a moron.', 'Learn to read.', 'Did you even read the listing?', "That's on you.",
  'Read the manual properly before complaining.', "We don't care about your excuses.", 'Tough luck.', 'Get over it.', 'You are useless.',
];

export const CLEAN = [
  "I'm so sorry for the trouble with your order, {name}. We've issued a full refund.",
  'Thank you for your patience. Your replacement ships today and should arrive by Friday.',
  "I completely understand your frustration, and I apologise that the parcel arrived damaged.",
  "Sorry about the mix-up! We've corrected the size and sent a prepaid return label.",
  "No problem at all, that's not a problem for us. Happy to help.",
  "It's not your fault: the courier scanned it at the wrong depot.",
  'Please read the instructions on page 2 of the manual; they show the pairing steps.',
  "We'll find you a replacement in the same colour.",
  'We value customers like you, and we want to make this right.',
  'We will destroy your old data once the device is recycled, as the policy says.',
  'Thanks for your kind words! Your kind review made our day.',
  "There are no stupid questions; ask us anything.",
  'I understand this is frustrating, and I am sorry it took us three emails to fix.',
  'Your order has shipped via USPS; you can find the tracking link in the FAQ.',
  'The SKU on the box is printed next to the UPC. If it is missing, let us know.',
  'Our Scunthorpe warehouse packed your cocktail shaker this morning.',
  'The shiitake mushroom kit and the cumin grinder are back in stock.',
  'We shipped the complete works of Charles Dickens in the collector box.',
  'Our technician will assess the butt hinge on the cabinet door tomorrow.',
  'The grape juice and the first class stamps are in the same parcel.',
  'Your therapist recommended the weighted blanket, which is now 20% off.',
  'The bass guitar strings passed our quality check, and the glass case is on its way.',
  'We reviewed the assignment of your warranty to the new owner; it is classic coverage.',
  'The Essex and Sussex depots both show the parcel as delivered.',
  'The Hitchcock box set and the pussycat plush toy are gift-wrapped.',
  'Our specialist will document the buttress repair with photos.',
  'Hello again! The shell-shaped soap dish shipped on Monday.',
  'The constitution of our returns team: three people and one very patient dog.',
  'The Titanic model kit includes the title page and assembly guide.',
  'Our analyst will assess whether the cockpit cover fits your model.',
  'This is the cumulative total after the discount.',
  "I'm sorry, it looks like the box arrived with a dent. We'll send a new one right away.",
  'We apologise for the delay. The warehouse is catching up after the holiday rush.',
  'Thank you for letting us know, {name}. I have escalated this to our shipping team.',
  "That's too bad, I'm sorry to hear it. Let's get it fixed.",
  'If the hinge screws are loose, tighten them a quarter turn; it should stop the squeak.',
  'We cannot change the delivery address after dispatch, but the courier can hold it at a pickup point.',
  'Your subscription is paused. You will not be charged again until you resume it.',
  'The Maine Coon cat tree and the bass fishing lure are both in this order.',
  'Hi {name}! The analysis of your return is done and the refund is approved.',
  'The Middlesex branch can take the return if that is closer.',
  'We hope you enjoy the Moby Dick audiobook.',
  'The flame retardant spray is shipped separately for safety reasons.',
  "Please don't worry about the packaging; just send the item back in any box.",
  'The manager will call you back; he is in a meeting until three.',
  'Feel free to tell us if anything else is wrong with the order.',
  'We are sorry, it was our mistake, and we have refunded the shipping cost as well.',
  'OK, the USPS label is attached. UPS and FedEx are also fine.',
];

export function toneSamples(r: Rng): Sample[] {
  const out: Sample[] = [];
  const add = (group: string, built: { text: string; expect: Sample['expect'] }) => out.push({ id: `${group}-${out.length}`, group, ...built });
  for (let i = 0; i < 220; i++) {
    const word = r.pick(PROFANE);
    const evaded = r.pick(EVASIONS)(word, r);
    const [before, after] = r.pick(PROFANE_FRAMES).split('{w}');
    const sentence = compose([before, { type: 'profanity', text: evaded }, after]);
    const wrapped = fill(r.pick(WRAP), sentence.text, r);
    const shift = wrapped.text.indexOf(sentence.text);
    add('tone.profanity', { text: wrapped.text, expect: sentence.expect.map((e) => ({ ...e, start: e.start + shift, end: e.end + shift })) });
  }
  const labelled = (group: string, type: 'threat' | 'discrimination' | 'aggressive', list: readonly string[], copies: number) => {
    for (let c = 0; c < copies; c++) for (const s of list) add(group, fill(r.pick(WRAP), { type, text: s.replace(/[.?!]$/, '') }, r));
  };
  labelled('tone.threat', 'threat', THREATS, 3);
  labelled('tone.discrimination', 'discrimination', DISCRIMINATION, 3);
  labelled('tone.aggressive', 'aggressive', AGGRESSIVE, 2);
  for (let i = 0; i < 60; i++) {
    const shout = fill(r.pick(CLEAN), '', r).text.toUpperCase();
    add('tone.all_caps', { text: shout, expect: [{ type: 'all_caps', start: 0, end: shout.length }] });
  }
  for (let c = 0; c < 5; c++) for (const s of CLEAN) add('tone.clean', fill(s, '', r));
  return out;
}
