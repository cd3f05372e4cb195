import { pinyin } from 'pinyin-pro';

/**
 * The pinyin search key of a person's name, stored in `people.name_key` (migration 0090) so
 * that a trigram index answers "zhang", "zhangsan" and "zs" for 张三: the full pinyin without
 * tones or spaces, then the initials, space-separated (so no match spans the two). Letters
 * and digits that are not Chinese are kept, lower-cased. Surnames are read as surnames
 * (曾 zeng, 单 shan); ü is written v, and a u variant follows so that "lu" finds 吕 too.
 *
 * @example nameSearchKey('张三') // 'zhangsan zs'
 */
export function nameSearchKey(name: string): string {
  // One entry per character (`type: 'all'`), each saying whether it is Chinese.
  const entries = pinyin(name, { toneType: 'none', type: 'all', surname: 'head', v: true });
  let full = '';
  let initials = '';
  for (const entry of entries) {
    const word = (entry.isZh ? entry.pinyin : entry.origin).toLowerCase().replace(/[^a-z0-9]/g, '');
    if (word === '') continue;
    full += word;
    // Initials only of Chinese characters: "Anna" stays a word, not a letter per syllable.
    if (entry.isZh) initials += word[0];
  }
  const parts = [full, initials].filter((part) => part !== '');
  if (full.includes('v')) parts.push(full.replace(/v/g, 'u'));
  return parts.join(' ');
}

/**
 * How a search text reads as pinyin: lower-cased, without spaces or apostrophes, ü as v;
 * undefined when it is not pinyin (Chinese characters, digits, other signs).
 *
 * @example pinyinQuery("Zhang San") // 'zhangsan'
 */
export function pinyinQuery(q: string): string | undefined {
  const compact = q
    .toLowerCase()
    .replace(/[\s'’]/g, '')
    .replace(/ü/g, 'v');
  return /^[a-z]+$/.test(compact) ? compact : undefined;
}
