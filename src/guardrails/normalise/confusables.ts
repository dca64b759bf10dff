// Latin look-alikes from other scripts (a subset of Unicode's confusables.txt, UTS #39), lower case only:
// the chain lower-cases before this step. Cyrillic and Greek cover nearly every homoglyph evasion seen in
// practice ("аcme" with a Cyrillic а); NFKC already folds full-width, mathematical and circled letters.
const TABLE: Record<string, string> = {
  // Cyrillic
  'а': 'a', 'в': 'b', 'с': 'c', 'ԁ': 'd', 'е': 'e', 'ё': 'e', 'һ': 'h', 'і': 'i', 'ї': 'i', 'ј': 'j', 'к': 'k',
  'ӏ': 'l', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'ԛ': 'q', 'ѕ': 's', 'т': 't', 'у': 'y', 'ѡ': 'w', 'х': 'x',
  'ү': 'y', 'ʏ': 'y', 'ɡ': 'g', 'ı': 'i',
  // Greek
  'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u',
  'χ': 'x', 'ω': 'w', 'ϲ': 'c', 'ϳ': 'j',
  // Latin extensions that render as a plain letter
  'ɑ': 'a', 'ƅ': 'b', 'ɩ': 'i', 'ℓ': 'l', 'ɒ': 'a', 'ꞵ': 'b',
  // small capitals (ᴀᴄᴍᴇ), which NFKC leaves as they are
  'ᴀ': 'a', 'ʙ': 'b', 'ᴄ': 'c', 'ᴅ': 'd', 'ᴇ': 'e', 'ꜰ': 'f', 'ɢ': 'g', 'ʜ': 'h', 'ɪ': 'i', 'ᴊ': 'j', 'ᴋ': 'k',
  'ʟ': 'l', 'ᴍ': 'm', 'ɴ': 'n', 'ᴏ': 'o', 'ᴘ': 'p', 'ʀ': 'r', 'ꜱ': 's', 'ᴛ': 't', 'ᴜ': 'u', 'ᴠ': 'v', 'ᴡ': 'w', 'ᴢ': 'z',
};

/** Maps a look-alike letter to the Latin letter it imitates. */
export const confusable = (char: string): string | undefined => TABLE[char];
