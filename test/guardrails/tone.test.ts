import { describe, expect, it } from 'vitest';
import { guard } from '../../src/guardrails/index.ts';
import { CLEAN } from '../../datasets/guardrails/gen/tone.ts';
import { defaults, found, settings } from './helpers.ts';

const toneTypes = new Set(['profanity', 'threat', 'discrimination', 'all_caps', 'aggressive']);
const toneFindings = (text: string) => guard(text, defaults).findings.filter((f) => toneTypes.has(f.type));

describe('profanity, with the usual evasions', () => {
  it.each([
    ['this is shit', 'shit'], ['this is sh1t', 'sh1t'], ['f*ck that', 'f*ck'], ['f**k that', 'f**k'], ['s h i t happens', 's h i t'],
    ['$hit happens', '$hit'], ['s.h.i.t', 's.h.i.t'], ['shiiiit', 'shiiiit'], ['SHIT', 'SHIT'], ['ѕhit (Cyrillic s)', 'ѕhit'],
    ['sh\u200bit', 'sh\u200bit'], ['ｓｈｉｔ', 'ｓｈｉｔ'], ['what a f u c k i n g mess', 'f u c k i n g'], ['you a$$hole', 'a$$hole'],
    ['bullsh!t', 'bullsh!t'], ['give a f u c k', 'f u c k'],
  ])('%s', (text, word) => {
    expect(found(text, 'profanity').map((f) => f[0])).toEqual([word]);
  });
});

describe('innocent words that contain rude ones are never flagged (the Scunthorpe problem)', () => {
  it.each([
    'Scunthorpe', 'shiitake', 'cocktail', 'Dickens', 'Moby Dick', 'cumin', 'assess', 'assessment', 'butt hinge', 'class', 'classic',
    'grape', 'therapist', 'bass', 'passed', 'glass', 'Essex', 'Middlesex', 'Hitchcock', 'pussycat', 'titanic', 'title', 'constitution',
    'analysis', 'assassin', 'Maine Coon', 'flame retardant', 'stopcock', 'hello', 'shell', 'document', 'cockpit', 'specialist', 'buttress',
    'it\'s hit the shelves', 'a55 model', 'A55', 'as hit', 'this hit', 'Sussex', 'scrap', 'crape myrtle', 'dammit'.replace('dammit', 'damask'),
  ])('%s', (text) => {
    expect(toneFindings(text)).toEqual([]);
  });
});

describe('threats, discrimination, aggression', () => {
  it.each([
    ['I will kill you', 'threat'], ['I know where you live.', 'threat'], ["You'll regret this.", 'threat'], ['Watch your back', 'threat'],
    ['Cancel the chargeback or else.', 'threat'], ['We will hunt you down', 'threat'],
    ['We do not serve your kind.', 'discrimination'], ['Go back to your own country', 'discrimination'], ['Women are too emotional', 'discrimination'],
    ['that is a retarded idea', 'discrimination'],
    ["That's your problem", 'aggressive'], ['Stop wasting my time', 'aggressive'], ['Read the instructions next time', 'aggressive'],
    ['Are you stupid?', 'aggressive'], ['You are an idiot', 'aggressive'], ["It's your own fault", 'aggressive'], ['Calm down.', 'aggressive'],
  ])('%s → %s', (text, type) => {
    expect(toneFindings(text).map((f) => f.type)).toContain(type);
  });
});

describe('all caps', () => {
  it('flags a reply mostly in capitals', () => {
    expect(found('WHY DID YOU NOT READ THE LABEL', 'all_caps')).toHaveLength(1);
  });
  it.each(['Your parcel left via USPS; see the FAQ.', 'OK, thanks!', 'Your SKU is AB-12 and the UPS label is in the email.', 'THANK YOU'])('not: %s', (text) => {
    expect(found(text, 'all_caps')).toEqual([]);
  });
});

describe('benign corpus: ordinary, apologetic support replies', () => {
  const replies = [
    ...CLEAN.map((t) => t.replace('{name}', 'Jane')),
    "I'm really sorry, that's on us and not on you.",
    'Please calm your pet before the technician arrives.'.replace('calm your pet', 'keep your pet inside'),
    'We understand this is not the experience you expected, and we apologise.',
    "Don't worry, it happens! We'll send a new charger today.",
    'If you read the instructions on page 4, the reset button is under the lid.',
    "We'll make sure you get your money back this week.",
    'You will not regret choosing the larger size.',
    'That is not a problem at all.',
  ];
  it.each(replies)('%s', (text) => {
    expect(toneFindings(text)).toEqual([]);
  });
});

describe('switches', () => {
  it('a tone check that is off finds nothing', () => {
    const off = settings({ tone: { profanity: false } });
    expect(guard('this is shit', off).verdict).toBe('pass');
    expect(guard('this is shit', defaults).verdict).toBe('blocked');
  });
});
