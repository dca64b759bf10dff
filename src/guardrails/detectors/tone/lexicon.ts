// Word lists for the tone detectors. Whole words only (see match/words.ts), so each inflection that
// matters is listed: a suffix wildcard would turn "shit" into "shitake" (a spelling of shiitake).
// Deliberately absent: words with a common innocent sense ("cock" → stopcock, "dick" → Moby Dick,
// "coon" → Maine Coon, "tits" (birds), "pussy" willow, "hell", "prick", "hoe", "fag" → UK cigarette,
// "homo" sapiens, "dyke"/"dike", "chink" in the armour, "screw").

export const PROFANITY: readonly string[] = [
  'fuck', 'fucks', 'fucked', 'fucker', 'fuckers', 'fucking', 'fuckin', 'fuckhead', 'fuckface', 'fuckoff', 'fuckwit',
  'motherfucker', 'motherfuckers', 'motherfucking', 'clusterfuck', 'mindfuck', 'fck', 'fcking', 'fuk', 'fuking', 'fuq', 'phuck', 'effing',
  'shit', 'shits', 'shitty', 'shitted', 'shitting', 'shithead', 'shitheads', 'shithole', 'shitshow', 'shitload', 'bullshit',
  'bullshitting', 'horseshit', 'dipshit', 'batshit', 'apeshit', 'shite',
  'ass', 'asses', 'asshole', 'assholes', 'arse', 'arsehole', 'arseholes', 'dumbass', 'jackass', 'smartass', 'badass', 'fatass',
  'asshat', 'assclown', 'kickass',
  'bitch', 'bitches', 'bitchy', 'bitching', 'sonofabitch', 'son of a bitch',
  'bastard', 'bastards', 'damn', 'damned', 'damnit', 'dammit', 'goddamn', 'goddamned', 'goddam',
  'crap', 'crappy', 'craptastic', 'piss', 'pissed', 'pissing', 'pissoff', 'piss off',
  'dickhead', 'dickheads', 'dickwad', 'cunt', 'cunts', 'twat', 'twats', 'wanker', 'wankers', 'wank', 'tosser',
  'bollocks', 'bugger off', 'bloody hell', 'cocksucker', 'cocksuckers', 'douche', 'douchebag', 'douchebags', 'slut', 'sluts',
  'whore', 'whores', 'titties', 'boobs', 'jerkoff', 'jerk off', 'wtf', 'stfu', 'gtfo', 'fml', 'omfg',
  'scumbag', 'scumbags', 'shitbag', 'turd', 'turds', 'knobhead', 'bellend', 'prat', 'numbnuts',
];

export const SLURS: readonly string[] = [
  'nigger', 'niggers', 'nigga', 'niggas', 'faggot', 'faggots', 'retard', 'retards', 'retarded', 'tranny', 'trannies',
  'kike', 'kikes', 'spic', 'spics', 'wetback', 'wetbacks', 'raghead', 'ragheads', 'towelhead', 'towelheads', 'gook', 'gooks',
  'beaner', 'beaners', 'paki', 'pakis', 'shemale', 'mongoloid', 'chinaman', 'jigaboo', 'porch monkey', 'sand nigger',
  'camel jockey', 'gypped', 'spastic', 'spaz', 'tard',
];

// Insults that have no innocent use in a reply; the ambiguous ones (stupid, useless, pathetic) only
// count when aimed at the reader, in phrases.ts.
export const INSULTS: readonly string[] = [
  'idiot', 'idiots', 'idiotic', 'moron', 'morons', 'moronic', 'imbecile', 'imbeciles', 'nitwit', 'dimwit', 'halfwit', 'numbskull',
  'cretin', 'cretins', 'dumbo', 'brainless', 'braindead',
];
