// Phrase patterns for threats, discrimination and aggressive phrasing, matched on text normalised by
// WORD_CHAIN (lower case, ASCII apostrophes). No capturing groups: tone/index.ts puts every enabled
// list in one regex, one capturing group per list, to tell which list matched.
// Ordinary support language must never match: "we'll destroy your old data", "sorry, that's not a
// problem", "it's not your fault", "please read the instructions on page 2", "we'll find you a
// replacement", "customers like you" are all fine and are in the benign corpus.

const WILL = `(?:'ll|'d| will| would| could| can| am going to|'m going to| are going to|'re going to| gonna| am gonna| want to| wanna)?`;
const HARM = '(?:kill|murder|hurt|shoot|stab|strangle|punch|slap|attack|beat|smack|choke|strangle)';
const KIN = '(?:family|kids|children|wife|husband|mother|mom|dog)';

export const THREAT: readonly string[] = [
  `\\b(?:i|we)${WILL}\\s+${HARM}\\s+(?:you|your\\s+${KIN})\\b`,
  `\\b${HARM}\\s+you\\s+(?:all|up|dead|slowly)\\b`,
  `\\b(?:i|we)${WILL}\\s+(?:hunt|track)\\s+you\\s+down\\b`,
  `\\b(?:i|we)${WILL}\\s+(?:destroy|end|ruin|get)\\s+you\\b(?!r)`,
  `\\b(?:i|we)(?:'ll|\\s+will)?\\s+(?:know|find(?:\\s+out)?)\\s+where\\s+you\\s+(?:live|work|sleep)\\b`,
  `\\bwatch\\s+your\\s+(?:back|step)\\b`,
  `\\byou(?:'ll|\\s+will|'re\\s+going\\s+to|\\s+are\\s+going\\s+to)\\s+(?:regret\\s+(?:this|it|that)|be\\s+sorry)\\b`,
  `\\bor\\s+else(?:\\s*[.!?]|\\s*$|\\s*\\.\\.\\.)`,
  `\\b(?:i|we)${WILL}\\s+make\\s+(?:you|your\\s+life)\\s+(?:pay|suffer|regret|miserable|(?:a\\s+)?(?:living\\s+)?hell)\\b`,
  `\\byou(?:'re|\\s+are)\\s+(?:dead|a\\s+dead\\s+(?:man|woman))(?:\\s*[.!]|\\s*$)`,
  `\\bsleep\\s+with\\s+one\\s+eye\\s+open\\b`,
  `\\b(?:i\\s+)?hope\\s+you\\s+(?:die|get\\s+hurt|rot|burn)\\b`,
  `\\b(?:go\\s+die|kill\\s+yourself|kys)\\b`,
  `\\b(?:burn|blow\\s+up)\\s+(?:your|down\\s+your)\\s+(?:house|home|car|store|shop)\\b`,
  `\\bsomething\\s+bad\\s+(?:will|is\\s+going\\s+to)\\s+happen\\s+to\\s+you\\b`,
  `\\b(?:it\\s+)?would\\s+be\\s+a\\s+(?:shame|pity)\\s+if\\s+(?:something|anything)\\s+(?:happened|were\\s+to\\s+happen)\\s+to\\s+(?:you|your)\\b`,
];

const GROUP =
  '(?:women|men|girls|females|blacks|black\\s+people|whites|white\\s+people|asians|mexicans|muslims|jews|christians|hindus|' +
  'immigrants|foreigners|gays|gay\\s+people|lesbians|trans\\s+people|transgender\\s+people|disabled\\s+people|old\\s+people|' +
  'the\\s+elderly|indians|arabs|chinese(?:\\s+people)?|latinos|hispanics|africans|refugees|poor\\s+people)';
const SLUR_TRAIT =
  '(?:stupid|lazy|dumb|inferior|criminals|animals|terrorists|dirty|useless|idiots|worthless|thieves|liars|disgusting|' +
  'subhuman|savages|vermin|parasites|the\\s+problem|not\\s+welcome|a\\s+disease|too\\s+emotional|bad\\s+(?:drivers|with\\s+money))';
const TRAIT = '(?:woman|girl|female|black|gay|lesbian|muslim|jew|jewish|foreign|foreigner|immigrant|old|disabled|mexican|asian|indian|arab|trans|transgender|chinese)';

export const DISCRIMINATION: readonly string[] = [
  `\\b(?:all\\s+|most\\s+|those\\s+|these\\s+|you\\s+)?${GROUP}\\s+(?:are|is)\\s+(?:all\\s+|just\\s+|always\\s+|so\\s+|too\\s+|naturally\\s+|basically\\s+)?${SLUR_TRAIT}\\b`,
  `\\b${GROUP}\\s+(?:can't|cannot|can\\s+not|shouldn't|should\\s+not|don't\\s+know\\s+how\\s+to)\\s+(?:drive|think|be\\s+trusted|understand|handle|do\\s+math|read|work)\\b`,
  `\\bbecause\\s+(?:you(?:'re|\\s+are)|she(?:'s|\\s+is)|he(?:'s|\\s+is))\\s+(?:a\\s+|an\\s+)?${TRAIT}\\b`,
  `\\b(?:we|i)\\s+(?:don't|do\\s+not|won't|will\\s+not|refuse\\s+to)\\s+(?:serve|hire|help|sell\\s+to|deal\\s+with)\\s+(?:your\\s+kind|people\\s+like\\s+you|${GROUP})\\b`,
  `\\byour\\s+kind\\b(?!\\s+(?:words|message|note|review|feedback|patience|understanding|reply|email|comments?)\\b)`,
  `\\bgo\\s+back\\s+to\\s+(?:your\\s+(?:own\\s+)?country|where\\s+you\\s+(?:came|come)\\s+from|africa|mexico|china|india)\\b`,
  `\\btypical\\s+(?:woman|female|foreigner|immigrant|muslim|jew|mexican|indian|asian|black)\\b`,
  `\\b(?:speak|learn)\\s+(?:proper\\s+)?english\\s+(?:or|before|if)\\b`,
];

export const AGGRESSIVE: readonly string[] = [
  `\\b(?:that's|that\\s+is|thats|it's|it\\s+is|this\\s+is)\\s+(?:your|not\\s+(?:our|my))\\s+problem\\b`,
  `\\bnot\\s+(?:my|our)\\s+problem\\b`,
  `\\b(?:stop|quit)\\s+wasting\\s+(?:my|our)\\s+time\\b`,
  `\\byou(?:'re|\\s+are)\\s+wasting\\s+(?:my|our)\\s+time\\b`,
  `\\bread\\s+the\\s+(?:instructions|manual|description|faq|policy|listing|product\\s+page|terms)\\s+(?:next\\s+time|properly|for\\s+once|before\\s+(?:complaining|contacting|bothering|wasting|you\\s+complain|emailing))`,
  `\\b(?:learn\\s+(?:how\\s+)?to\\s+read|can(?:'t|not|\\s+not)\\s+you\\s+read|did\\s+you\\s+even\\s+read|do\\s+you\\s+even\\s+read)\\b`,
  `\\bare\\s+you\\s+(?:stupid|blind|dumb|deaf|dense|an\\s+idiot|illiterate)\\b`,
  `\\bwhat(?:'s|\\s+is)\\s+wrong\\s+with\\s+you\\b`,
  `\\bhow\\s+many\\s+times\\s+do\\s+(?:i|we)\\s+have\\s+to\\b`,
  `\\b(?:i|we)(?:'ve|\\s+have)?\\s+(?:already\\s+)?told\\s+you\\s+(?:this\\s+)?(?:already|twice|(?:\\w+\\s+)?times|a\\s+hundred\\s+times)\\b`,
  `\\bfigure\\s+it\\s+out\\s+yourself\\b`,
  `\\b(?:deal\\s+with\\s+it|get\\s+over\\s+it|shut\\s+up|screw\\s+you|get\\s+lost|go\\s+away|tough\\s+luck|too\\s+bad\\s+for\\s+you)\\b`,
  `\\b(?:nobody|no\\s+one|who)\\s+cares\\b`,
  `\\b(?:i|we)\\s+(?:don't|do\\s+not|couldn't|could\\s+not)\\s+care\\s+(?:less|about\\s+(?:your|you))\\b`,
  `\\bcalm\\s+down\\b`,
  `\\bit's\\s+not\\s+rocket\\s+science\\b`,
  `\\buse\\s+your\\s+(?:brain|head|common\\s+sense|eyes)\\b`,
  `\\b(?:it's|that's|this\\s+is|it\\s+is|that\\s+is)\\s+(?:all\\s+|entirely\\s+|completely\\s+)?your\\s+(?:own\\s+)?fault\\b`,
  `\\byour\\s+own\\s+fault\\b`,
  `\\b(?:don't|do\\s+not)\\s+(?:bother|contact|email|message|call)\\s+(?:us|me)\\s+again\\b`,
  `\\bstop\\s+(?:bothering|pestering|harassing|spamming|nagging)\\s+(?:us|me)\\b`,
  `\\byou(?:'re|\\s+are)\\s+(?:being\\s+)?(?:an?\\s+)?(?:ridiculous|delusional|hopeless|unreasonable|annoying|impossible|a\\s+joke|a\\s+nuisance|a\\s+pain)\\b`,
  `\\byou\\s+people\\b`,
  `\\b(?:people|customers|someone)\\s+like\\s+you\\s+(?:always|never|are\\s+(?:the|why|always)|should\\s+(?:learn|know|shop))\\b`,
  `\\byou(?:'re|\\s+are)?\\s+(?:so\\s+|really\\s+|such\\s+)?(?:an?\\s+)?(?:stupid|dumb|useless|pathetic|clueless|incompetent|loser|brainless|dense)\\b(?!\\s+(?:question|mistake))`,
  `\\b(?:stupid|dumb|pathetic|useless)\\s+(?:customer|person|woman|man|people)s?\\b`,
  `\\bis\\s+(?:that|it)\\s+(?:so|really\\s+that)\\s+hard\\b`,
  `\\bpay\\s+attention\\s+next\\s+time\\b`,
  `\\b(?:obviously|clearly)\\s+you\\s+(?:didn't|did\\s+not|can't|cannot|don't)\\b`,
  `\\bwhat\\s+part\\s+of\\s+.{1,40}?\\s+(?:don't|do\\s+you\\s+not)\\s+you\\s+understand\\b`,
  `\\bwhat\\s+part\\s+of\\s+.{1,40}?\\s+don't\\s+you\\s+understand\\b`,
  `\\bnext\\s+time\\s+(?:read|check|look)\\s+(?:before|properly|more\\s+carefully)\\b`,
  `\\bwe're\\s+not\\s+your\\s+(?:babysitter|mother|maid|servants?)\\b`,
  `\\bthat's\\s+on\\s+you\\b`,
];
