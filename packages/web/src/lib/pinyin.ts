/**
 * Pinyin-aware sorting and index letters without a pinyin table: the zh-CN collator orders Han
 * characters by pinyin, so the first character of each initial's range marks where it starts.
 */
const collator = new Intl.Collator('zh-CN', { sensitivity: 'base', numeric: true });
const letters = 'ABCDEFGHJKLMNOPQRSTWXYZ';
const boundaries = '阿八嚓哒妸发旮哈讥咔垃痳拏噢妑七呥扫它穵夕丫帀';
const han = /\p{Script=Han}/u;

/** Compares names the way a Chinese contact list orders them (Latin and pinyin together). */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

/** The index letter a name files under: A-Z, or "#" for anything else. */
export function indexLetter(name: string): string {
  const first = [...name.trim()][0];
  if (!first) return '#';
  if (/[a-z]/i.test(first)) return first.toUpperCase();
  if (!han.test(first)) return '#';
  let letter = '#';
  for (let index = 0; index < boundaries.length; index += 1) {
    if (collator.compare(first, boundaries[index]!) >= 0) letter = letters[index]!;
    else break;
  }
  return letter;
}

/** Groups items under their index letters, letters in order and "#" last. */
export function groupByLetter<T>(items: T[], nameOf: (item: T) => string): { letter: string; items: T[] }[] {
  const sorted = [...items].sort((a, b) => compareNames(nameOf(a), nameOf(b)));
  const groups = new Map<string, T[]>();
  for (const item of sorted) {
    const letter = indexLetter(nameOf(item));
    groups.set(letter, [...(groups.get(letter) ?? []), item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b)))
    .map(([letter, grouped]) => ({ letter, items: grouped }));
}
