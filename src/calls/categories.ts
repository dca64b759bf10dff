// Which kind of work a caller needs, by keywords: the business's own categories (built-in words for
// the usual trades, the category label, and the config's extra keywords), then a catalogue of trades
// a home-service business commonly does not do, so "can you mow my lawn" is out of scope, not unknown.
import type { BusinessConfig, Category } from './config.ts';
import { canonical } from './speech.ts';

const TRADE_WORDS: Record<string, string[]> = {
  plumbing: ['plumbing', 'plumber', 'pipe', 'pipes', 'leak', 'leaking', 'leaky', 'drain', 'drains', 'clog', 'clogged', 'toilet', 'faucet', 'sink', 'water heater', 'sewer', 'sewage', 'sump pump', 'garbage disposal', 'disposal', 'shower', 'tub', 'hose bib', 'water pressure', 'backflow', 'hot water', 'water line', 'burst',
    // gas lines and floods from pipes are plumbers' work (calls.md: a gas smell at a plumbing business is "plumbing")
    'smell gas', 'smells gas', 'smelling gas', 'gas smell', 'gas line', 'gas pipe', 'gas leak', 'flood', 'flooding', 'flooded', 'overflowing'],
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
  const index = indexFor(config);
  const tokens = canonicalText.split(' ');
  const served = score(index.served, tokens, canonicalText);
  if (served) return { categoryId: served, outOfScope: null };
  const other = score(index.others, tokens, canonicalText);
  const trade = other ? OTHER_TRADES.find((t) => t.id === other)! : null;
  return { categoryId: null, outOfScope: trade ? { id: trade.id, label: trade.label } : null };
}

/** Words looked up by token, phrases by their first token: a turn costs a few map lookups, not a scan of every keyword. */
interface WordIndex {
  words: Map<string, { id: string; weight: number }[]>;
  phrases: Map<string, { id: string; phrase: string; weight: number }[]>;
  order: string[];
}

function buildIndex(entries: { id: string; words: string[] }[]): WordIndex {
  const index: WordIndex = { words: new Map(), phrases: new Map(), order: entries.map((e) => e.id) };
  for (const { id, words } of entries) {
    for (const w of new Set(words)) {
      const parts = w.split(' ');
      if (parts.length === 1) push(index.words, w, { id, weight: 1 });
      else push(index.phrases, parts[0], { id, phrase: ` ${w} `, weight: parts.length });
    }
  }
  return index;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The best-scoring id (phrases count by their length in words, so "water heater" outweighs "water"); ties go to the earlier entry. */
function score(index: WordIndex, tokens: string[], text: string): string | null {
  const scores = new Map<string, number>();
  const seen = new Set<string>();
  const padded = ` ${text} `;
  for (const token of tokens) {
    if (seen.has(token)) continue;
    seen.add(token);
    for (const hit of index.words.get(token) ?? []) scores.set(hit.id, (scores.get(hit.id) ?? 0) + hit.weight);
    for (const hit of index.phrases.get(token) ?? []) if (padded.includes(hit.phrase)) scores.set(hit.id, (scores.get(hit.id) ?? 0) + hit.weight);
  }
  let best: string | null = null;
  for (const id of index.order) if ((scores.get(id) ?? 0) > (best ? scores.get(best)! : 0)) best = id;
  return best;
}

const INDEX = new WeakMap<BusinessConfig, { served: WordIndex; others: WordIndex }>();

function indexFor(config: BusinessConfig): { served: WordIndex; others: WordIndex } {
  let index = INDEX.get(config);
  if (!index) {
    const served = servedTrades(config);
    index = {
      served: buildIndex(config.categories.map((c) => ({ id: c.id, words: categoryWords(c) }))),
      others: buildIndex(OTHER_TRADES.filter((t) => !served.has(t.id)).map((t) => ({ id: t.id, words: t.words }))),
    };
    INDEX.set(config, index);
  }
  return index;
}

const SERVED = new WeakMap<BusinessConfig, Set<string>>();
function servedTrades(config: BusinessConfig): Set<string> {
  let served = SERVED.get(config);
  if (!served) SERVED.set(config, (served = new Set(config.categories.flatMap((c) => [c.id, ...(c.id === 'hvac' ? ['heating', 'cooling'] : [])]))));
  return served;
}
