/** The words each service family draws from. Kept short and harmless: they end up in project names. */
const WORDS: Readonly<Record<string, readonly string[]>> = {
  noun: ['otter', 'comet', 'harbor', 'lantern', 'meadow', 'falcon', 'glacier', 'compass', 'orchard', 'beacon'],
  adjective: ['quiet', 'brave', 'nimble', 'lucky', 'gentle', 'swift', 'curious', 'mellow', 'bright', 'sturdy'],
  verb: ['jumping', 'weaving', 'drifting', 'humming', 'sailing', 'climbing', 'gliding', 'singing', 'racing', 'waving'],
  color: ['amber', 'teal', 'crimson', 'ivory', 'indigo', 'olive', 'coral', 'slate', 'saffron', 'violet'],
  descriptor: ['prime', 'nova', 'max', 'lite', 'zero', 'one', 'plus', 'pro', 'edge', 'core'],
};

/** A random word of `family`; a family the list does not know gets its own name back. */
export function randomWord(family: string, random: () => number = Math.random): string {
  const words = WORDS[family];
  if (words === undefined || words.length === 0) return family;
  return words[Math.floor(random() * words.length)] ?? family;
}
