// Which kind of work a caller needs, by keywords: the business's own categories (built-in words for
// the usual trades, the category label, and the config's extra keywords), then a catalogue of trades
// a home-service business commonly does not do, so "can you mow my lawn" is out of scope, not unknown.
import type { BusinessConfig, Category } from './config.ts';
import { canonical } from './speech.ts';

const TRADE_WORDS: Record<string, string[]> = {
  plumbing: ['plumbing', 'plumber', 'pipe', 'pipes', 'leak', 'leaking', 'leaky', 'drain', 'drains', 'clog', 'clogged', 'toilet', 'faucet', 'sink', 'water heater', 'sewer', 'sewage', 'sump pump', 'garbage disposal', 'disposal', 'shower', 'tub', 'hose bib', 'water pressure', 'backflow', 'hot water', 'water line', 'burst'],
  electrical: ['electrical', 'electric', 'electrician', 'outlet', 'outlets', 'breaker', 'panel', 'wiring', 'wire', 'wires', 'circuit', 'light switch', 'switch', 'flicker', 'flickering', 'gfci', 'fuse', 'power', 'generator', 'ceiling fan', 'sparks', 'sparking', 'amp', 'lights'],
  hvac: ['hvac', 'furnace', 'heat', 'heating', 'heater', 'ac', 'air conditioning', 'air conditioner', 'cooling', 'thermostat', 'boiler', 'heat pump', 'duct', 'ducts', 'radiator', 'tune up', 'carbon monoxide', 'co', 'pilot', 'vent'],
  roofing: ['roof', 'roofing', 'roofer', 'shingle', 'shingles', 'gutter', 'gutters', 'flashing', 'skylight', 'ice dam', 'soffit', 'fascia'],
  restoration: ['restoration', 'water damage', 'fire damage', 'smoke damage', 'flood damage', 'mold', 'mould', 'remediation', 'dry out', 'mitigation', 'musty'],
};
TRADE_WORDS.heating = TRADE_WORDS.hvac;
TRADE_WORDS.cooling = TRADE_WORDS.hvac;
TRADE_WORDS.electric = TRADE_WORDS.electrical;

/** Trades nobody configured are out of scope when heard; the business's own categories win first. */
const OTHER_TRADES: { id: string; label: string; words: string[] }[] = [
  { id: 'landscaping', label: 'landscaping', words: ['lawn', 'landscaping', 'mow', 'mowing', 'tree trimming', 'yard work', 'hedge', 'sprinkler'] },
  { id: 'pest_control', label: 'pest control', words: ['pest', 'pests', 'termite', 'termites', 'mice', 'rats', 'roaches', 'exterminator', 'bed bugs', 'wasp'] },
  { id: 'appliance_repair', label: 'appliance repair', words: ['fridge', 'refrigerator', 'washing machine', 'dishwasher repair', 'oven repair', 'microwave'] },
  { id: 'painting', label: 'painting', words: ['paint my', 'painting', 'painter', 'repaint'] },
  { id: 'pools', label: 'pool and spa', words: ['pool', 'hot tub', 'spa'] },
  { id: 'locksmith', label: 'locksmith', words: ['locked out', 'locksmith', 'rekey', 'new locks'] },
  { id: 'cleaning', label: 'cleaning', words: ['house cleaning', 'maid', 'carpet cleaning', 'window cleaning'] },
  ...['plumbing', 'electrical', 'hvac', 'roofing', 'restoration'].map((id) => ({ id, label: id === 'hvac' ? 'heating and cooling' : id, words: TRADE_WORDS[id] })),
];

export interface CategoryMatch {
  /** a configured category id, or null */
  categoryId: string | null;
  /** a trade the business does not serve, when that is all the caller talked about */
  outOfScope: { id: string; label: string } | null;
}

/** The words that point at one configured category. */
const WORDS = new WeakMap<Category, string[]>();

export function categoryWords(category: Category): string[] {
  let words = WORDS.get(category);
  if (!words) WORDS.set(category, (words = computeWords(category)));
  return words;
}

function computeWords(category: Category): string[] {
  const builtIn = TRADE_WORDS[category.id] ?? [];
  const fromLabel = canonical(category.label).split(' ').filter((w) => w.length > 3 && w !== 'and');
  return [...new Set([...builtIn, ...fromLabel, ...category.keywords.map(canonical)])];
}

/**
 * @example matchCategory('the toilet is clogged', config) // { categoryId: 'plumbing', outOfScope: null }
 */
export function matchCategory(text: string, config: BusinessConfig): CategoryMatch {
  return matchCategoryCanonical(canonical(text), config);
}

export function matchCategoryCanonical(canonicalText: string, config: BusinessConfig): CategoryMatch {
  const t: Words = { padded: ` ${canonicalText} `, tokens: new Set(canonicalText.split(' ')) };
  let best: { id: string; score: number } | null = null;
  for (const category of config.categories) {
    const score = scoreWords(t, categoryWords(category));
    if (score > 0 && (!best || score > best.score)) best = { id: category.id, score };
  }
  if (best) return { categoryId: best.id, outOfScope: null };
  const served = servedTrades(config);
  let other: { id: string; label: string; score: number } | null = null;
  for (const trade of OTHER_TRADES) {
    if (served.has(trade.id)) continue;
    const score = scoreWords(t, trade.words);
    if (score > 0 && (!other || score > other.score)) other = { id: trade.id, label: trade.label, score };
  }
  return { categoryId: null, outOfScope: other ? { id: other.id, label: other.label } : null };
}

interface Words {
  padded: string;
  tokens: Set<string>;
}

/** Phrases count by their length in words, so "water heater" outweighs "water". */
function scoreWords(text: Words, words: string[]): number {
  let score = 0;
  for (const w of words) {
    const space = w.indexOf(' ');
    if (space === -1) {
      if (text.tokens.has(w)) score += 1;
    } else if (text.tokens.has(w.slice(0, space)) && text.padded.includes(` ${w} `)) {
      score += w.split(' ').length;
    }
  }
  return score;
}

const SERVED = new WeakMap<BusinessConfig, Set<string>>();
function servedTrades(config: BusinessConfig): Set<string> {
  let served = SERVED.get(config);
  if (!served) SERVED.set(config, (served = new Set(config.categories.flatMap((c) => [c.id, ...(c.id === 'hvac' ? ['heating', 'cooling'] : [])]))));
  return served;
}
