// Hazards heard in the caller's words, by fixed rules (no model): a gas smell, a carbon-monoxide
// alarm, sparking or a burning smell, active flooding, no heat in freezing weather or with someone
// vulnerable at home. Rules run on canonical speech text (./speech.ts) and skip look-alikes:
// negations ("no gas smell"), other meanings ("gas fireplace quote", "install a co detector").
import { canonical } from './speech.ts';
import type { Hazard } from './config.ts';

interface HazardRule {
  re: RegExp;
  /** a match is ignored when one of these sits in the same stretch of words (a look-alike) */
  unless?: RegExp;
}

const W = String.raw`(?:\w+ )`;
// A negation governs a match only across a few filler words ("i dont see any sparks"); "i dont know i
// smell gas" is not negated (speech-to-text drops the comma that would have said so).
const NEG_BEFORE = /\b(?:no|not|dont|doesnt|didnt|isnt|arent|wasnt|never|without|nothing|cant|cannot|no longer)\s+(?:(?:smell|smelling|see|seeing|hear|hearing|have|notice|noticed|any|really|actually|even|there|a|an|the|of|more|signs?|sign of)\s+){0,2}(?:\w+\s+(?:or|nor)\s+)?$/;

const RULES: Record<Exclude<Hazard, 'no_heat'>, HazardRule[]> = {
  gas: [
    { re: /\b(?:smell|smells|smelling|smelled|smelt|odor|odour|whiff|stink|stinks|reek|reeks|reeking|stench) (?:\w+ ){0,3}?(?:natural )?gas\b/, unless: /\bgas (?:station|mileage|bill|prices?|can|tank|pedal|grill quote)\b/ },
    { re: /\bgas (?:is |s )?(?:smell|odor|odour|stink|leak|leaking|coming out|hissing|escaping|pouring out)\b/, unless: /\b(?:last (?:year|month|week)|years ago|a while ago|used to|prevent|detector quote)\b/ },
    { re: /\b(?:leaking|leak of|escaping) gas\b/ },
    { re: /\brotten eggs?\b/ },
    { re: /\b(?:sulfur|sulphur) (?:smell|odor)|smells? (?:\w+ ){0,2}(?:sulfur|sulphur)\b/ },
    { re: /\bhiss(?:ing)? (?:\w+ ){0,4}?(?:gas|meter|gas line|stove|range)\b/ },
    { re: /\b(?:hit|cut|broke|broken|damaged|ruptured|severed|nicked) (?:a |the )?gas (?:line|pipe|main)\b|\bgas (?:line|pipe|main) (?:\w+ )?(?:broke|is broken|got hit|was hit|cut|ruptured|damaged)\b/ },
  ],
  carbon_monoxide: [
    { re: new RegExp(String.raw`\b(?:co|carbon monoxide|carbon mono oxide|carbon dioxide|co2)(?: alarm| detector| monitor| sensor)?s? ${W}{0,5}?(?:is |are |keeps |kept |just |started )?(?:going off|goes off|went off|beeping|beeps|sounding|alarming|screaming|blaring|ringing|flashing|reading|says|detected|triggered|is high|levels?)\b`), unless: /\b(?:chirp\w*|battery|batteries|low batt\w*)\b/ },
    { re: /\b(?:alarm|detector)s? (?:\w+ ){0,3}?(?:going off|went off|beeping|sounding) (?:\w+ ){0,3}?(?:co|carbon monoxide)\b/ },
    { re: /\bcarbon monoxide (?:leak|poisoning|in the house|in here|exposure)\b|\bco (?:leak|poisoning)\b/ },
    { re: /\b(?:headaches?|dizzy|dizziness|nause\w+|throwing up|vomiting|passed out|fainted) (?:\w+ ){0,8}?(?:furnace|heater|boiler|generator|fireplace|water heater|stove|exhaust)\b|\b(?:furnace|heater|boiler|generator|water heater) (?:\w+ ){0,8}?(?:headaches?|dizzy|dizziness|nause\w+|passed out|fainted)\b/ },
  ],
  electrical: [
    { re: /\b(?:sparks?|sparking|sparked|arcing|arced|arcs)\b/, unless: /\bspark ?plugs?\b|\bsparkl\w*/ },
    { re: /\b(?:burning|burnt|burned|melting|melted|scorched|electrical) (?:\w+ ){0,2}?(?:smell|odor|odour|plastic|wire|wires|wiring|outlet|outlets|switch|panel)\b|\bsmells? (?:\w+ ){0,3}?(?:burning|burnt|burned|melting|like smoke|smoky)\b/, unless: /\b(?:toast|food|cooking|candle|candles|fireplace|wood stove|incense|popcorn|dinner|bbq|barbecue)\b/ },
    { re: /\bsmoke (?:\w+ ){0,3}?(?:from|out of|coming out of|in) (?:the |my |a )?(?:outlet|panel|switch|wall|light|breaker|fixture|fuse box|breaker box|plug|socket|wires?|meter)\b/ },
    { re: /\b(?:outlet|panel|switch|plug|socket|breaker|breaker box|fuse box|cord|wire|wires|light fixture|fixture|light|ceiling fan|meter) (?:\w+ ){0,4}?(?:is |are |got |feels )?(?:hot|melting|melted|scorched|smoking|on fire|charred|blackened)\b/ },
    { re: /\b(?:power|electric|electrical) lines? (?:\w+ )?(?:down|fell|on the ground|on my|hanging)\b|\b(?:wires?|lines?) (?:are |is )?(?:down|hanging) (?:in|on|over)\b/ },
    { re: /\b(?:got|getting|get) (?:a )?(?:shocked|shock|zapped|electrocuted)\b|\belectrocut\w*/ },
  ],
  flooding: [
    { re: /\bwaters? (?:\w+ ){0,2}?(?:is |s )?(?:pouring|gushing|flooding|spraying|streaming|rushing|spewing|cascading|pooling|coming (?:in|down|through|out)|leaking through|dripping through|running down|everywhere)\b/, unless: /\b(?:last (?:year|month|week)|years ago|used to|old stain|insurance|quote|estimate for waterproofing)\b/ },
    { re: /\b(?:burst|bursted|busted|broken|exploded|ruptured|split) (?:\w+ ){0,2}?(?:pipe|pipes|hose|water line|supply line|water heater|main)\b|\b(?:pipe|pipes|water line|supply line|water main|water heater|hose) (?:\w+ ){0,2}?(?:burst|bursted|busted|exploded|ruptured|split open|blew)\b/ },
    { re: /\b(?:basement|kitchen|bathroom|house|floor|room|garage|crawl space|home)s? (?:\w+ ){0,2}?(?:is |s |got |getting )?(?:flooding|flooded|under water|underwater)\b/, unless: /\b(?:last (?:year|month|week)|years ago|insurance|waterproofing|used to|prevent)\b/ },
    { re: /\b(?:flooding|flood) (?:in|into|through) (?:the |my |our )?\w+|\bit s flooding\b|\bits flooding\b|\bflooding everywhere\b/ },
    { re: /\b(?:inches|inch|feet|foot) of water\b|\bstanding water (?:in|on|all over)\b|\b(?:basement|room|floor|kitchen|bathroom|house|garage|crawl space|home|cellar|hallway|ceiling)s? (?:is |s )?(?:\w+ )?(?:full of|filling (?:up )?with|filled with) water\b/ },
    { re: /\bwaters? (?:\w+ ){0,2}?(?:leaking|dripping|coming|running|pouring) (?:\w+ ){0,2}?(?:ceiling|light fixture|light|lights|outlet|outlets|panel|electrical)\b/, unless: /\b(?:stain|stains|last (?:year|month|week)|years ago|used to|old)\b/ },
    { re: /\b(?:cant|cannot|can not|wont|unable to) (?:\w+ ){0,2}?(?:shut|turn) (?:off )?(?:the )?water\b|\bwater (?:\w+ )?(?:wont|will not) (?:stop|shut off)\b|\boverflowing (?:\w+ ){0,2}?(?:wont|will not|and not) stop\b/ },
    { re: /\bsewage (?:\w+ ){0,2}?(?:everywhere|pouring|flooding|coming up|backing up into)\b/ },
  ],
};

const NO_HEAT = /\b(?:no heat|no heating|without heat|dont have (?:any )?heat|have no heat|lost (?:our |my |the )?heat|(?:heat|heating|heater)s? (?:\w+ ){0,2}?(?:is |s )?(?:not working|isnt working|doesnt work|wont work|isnt on|not on|out|off|broke|broken|went out|stopped|quit|died|down|wont (?:turn|come) on)|(?:furnace|boiler|heater|heat pump)s? (?:\w+ ){0,2}?(?:is |s )?(?:not working|isnt working|doesnt work|wont work|not coming on|out|dead|broke|broken|stopped|quit|died|went out|wont (?:turn|come|kick) on|blowing cold)|blowing cold air|house is (?:ice cold|freezing|frigid)|freezing in (?:here|the house))\b/;
const NO_HEAT_UNLESS = /\b(?:tune ?up|maintenance|quote|estimate|install|installation|replace(?:ment)? quote|new heat pump|heat is fine|heat works)\b/;
const FREEZING = /\b(?:freezing|frozen|freeze|below zero|sub zero|subzero|single digits|frigid|ice cold|icy|snow\w*|blizzard|frost\w*|polar vortex|\d+ (?:degrees )?below)\b|(?<!\w)-\d+\b/;
const VULNERABLE = /\b(?:baby|babies|newborn|infant|toddler|\d+ (?:day|week|month)s? old|(?:[7-9]\d|1[01]\d) (?:years? old|year old)|elderly|grand(?:mother|father|ma|pa|mom|dad)|senior|my (?:mom|mother|dad|father) is \d+|oxygen|disabled|disability|sick|ill|pregnant|medical|dialysis|wheelchair|bedridden|hospice|chemo\w*|heart condition|asthma|copd|dementia)\b/;

/**
 * Every hazard heard in the caller's words, in a fixed order.
 * @example detectHazards("um i smell rotten eggs in the kitchen") // ['gas']
 */
export function detectHazards(callerText: string): Hazard[] {
  return detectHazardsCanonical(canonical(callerText));
}

/** The same on text already in canonical form (the engine keeps the caller's words that way). */
export function detectHazardsCanonical(text: string): Hazard[] {
  const found: Hazard[] = [];
  for (const [hazard, rules] of Object.entries(RULES) as [Exclude<Hazard, 'no_heat'>, HazardRule[]][]) {
    if (GATES[hazard].test(text) && rules.some((rule) => matches(text, rule))) found.push(hazard);
  }
  if (GATES.no_heat.test(text) && hasNoHeat(text)) found.push('no_heat');
  return found;
}

/**
 * Hazards in a new turn, given the story so far: most hazards are in one breath; no heat may need the
 * cold or the vulnerable person from another turn, so only that rule reads the whole call.
 */
export function detectHazardsInTurn(turnCanonical: string, heardCanonical: string): Hazard[] {
  const found: Hazard[] = [];
  for (const [hazard, rules] of Object.entries(RULES) as [Exclude<Hazard, 'no_heat'>, HazardRule[]][]) {
    if (GATES[hazard].test(turnCanonical) && rules.some((rule) => matches(turnCanonical, rule))) found.push(hazard);
  }
  if (GATES.no_heat.test(heardCanonical) && hasNoHeat(heardCanonical)) found.push('no_heat');
  return found;
}

/** A word every rule of a hazard needs; a text without one skips that hazard's rules (speed only). */
const GATES: Record<Hazard, RegExp> = {
  gas: /gas|egg|sulfur|sulphur|hiss/,
  carbon_monoxide: /\bco2?\b|carbon|alarm|detector|headache|dizz|nause|throwing up|vomit|passed out|faint/,
  electrical: /spark|arc|burn|melt|scorch|smok|electr|hot|charred|blacken|fire|shock|zap|wire|lines?\b/,
  flooding: /water|pipe|hose|flood|burst|bust|sewage|overflow|inch|feet|foot|main/,
  no_heat: /heat|furnace|boiler|freez|cold|frigid/,
};

const GLOBAL = new WeakMap<RegExp, RegExp>();

function matches(text: string, rule: HazardRule): boolean {
  let re = GLOBAL.get(rule.re);
  if (!re) GLOBAL.set(rule.re, (re = new RegExp(rule.re.source, 'g')));
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    if (NEG_BEFORE.test(text.slice(0, m.index))) continue;
    if (rule.unless && rule.unless.test(window(text, m.index, m.index + m[0].length))) continue;
    return true;
  }
  return false;
}

function hasNoHeat(text: string): boolean {
  const m = NO_HEAT.exec(text);
  if (!m) return false;
  if (NEG_BEFORE.test(text.slice(0, m.index)) && !m[0].startsWith('no ')) return false;
  if (NO_HEAT_UNLESS.test(window(text, m.index, m.index + m[0].length))) return false;
  return FREEZING.test(text) || VULNERABLE.test(text) || coldTemperature(text);
}

/** "it's 15 degrees out", "45 degrees in the house": cold enough to matter with no heat (°F unless °C is said). */
function coldTemperature(text: string): boolean {
  for (const m of text.matchAll(/(-?\d+) (?:degrees?)(?: (celsius|c|fahrenheit|f))?( (?:in the house|in here|inside|indoors|in the home))?/g)) {
    const value = Number(m[1]);
    const celsius = m[2] === 'celsius' || m[2] === 'c';
    // outdoors: at or below freezing; indoors: a home this cold is a danger to anyone
    const limit = m[3] ? (celsius ? 12 : 55) : celsius ? 0 : 32;
    if (value <= limit) return true;
  }
  return false;
}

/** The words around a match (about eight on each side), where look-alike cues are searched. */
function window(text: string, start: number, end: number): string {
  return text.slice(Math.max(0, start - 50), Math.min(text.length, end + 50));
}

const URGENT = /\b(?:emergency|urgent|urgently|asap|right away|right now|sewage|sewer (?:is )?back\w*|backing up|overflowing|no power|power is out|power out|lost power|no hot water|no ac|no air conditioning|ac (?:is )?(?:out|not working|died)|leaking (?:badly|a lot|fast)|frozen pipes?|pipes? (?:are |is )?frozen|locked out of heat)\b/;

/** Urgent without being a hazard: after hours, with `emergencies_to_on_call`, this goes to the on-call team. */
export function soundsUrgent(canonicalText: string): boolean {
  return URGENT.test(canonicalText);
}

const PUSHES: [keyof typeof import('./wording.ts').DECLINES, RegExp][] = [
  ['price', /\b(?:how much|cost|costs|price|pricing|quote|estimate|charge|charges|expensive|cheap|ballpark|rate|fee|dollars|run me|set me back)\b/],
  ['diagnosis', /\b(?:whats wrong|what is wrong|(?:think|thinks|guess) (?:\w+ )?(?:is )?wrong|whats causing|what is causing|what causes|(?:could|would|might) be causing|is it the|do you think (?:its|it is)|what could it be|whats the problem|diagnose|is it serious|is it dangerous|is (?:it|this|that) safe|is that normal|is this normal|just tell me if|do i need (?:a |to )?(?:new|replace)|should i (?:replace|get a new)|need replacing|needs? to be replaced)\b/],
  ['guarantee', /\b(?:guarantee|guaranteed|promise|warranty|will it be fixed|can you fix it|fix it for sure|(?:will|would) (?:you|they|someone) be able to fix|make sure (?:it|this|that) (?:gets|is) fixed)\b/],
  ['time', /\b(?:when can|when will|when would|how soon|how long|what time|be here|be there|get here|get there|come out|come today|come tonight|today|tonight|tomorrow|book|schedule|appointment|send someone|send (?:a|out a) (?:tech|technician|plumber|electrician|guy)|someone out|asap)\b/],
  ['repair', /\b(?:how (?:do|can|should) i (?:fix|repair|reset|relight|light|shut|turn|unclog|replace|stop)|how to (?:fix|repair|reset|relight|light|shut|turn|unclog|replace)|(?:walk|talk) me through|should i (?:turn|shut|reset|flip|relight|unplug|try)|can i (?:fix|reset|relight|turn|shut) (?:it|this|that|the)|fix it myself|do it myself|diy)\b/],
];

/** What the caller is pressing for that the assistant must decline honestly (price, diagnosis, a time, a guarantee). */
export function detectPushes(canonicalText: string): (keyof typeof import('./wording.ts').DECLINES)[] {
  const t = canonicalText;
  return PUSHES.filter(([, re]) => re.test(t)).map(([push]) => push);
}
