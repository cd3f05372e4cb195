import { tagSchema } from '@rota/core';
import type { TFunction } from 'i18next';

/** A tag as people read it: its name in the language (医务) beside the tag itself (medical). */
export function tagLabel(tag: string, t: TFunction): string {
  const name = t(`org.people.tagNames.${tag}`, { defaultValue: '' });
  return name && name !== tag ? `${name} (${tag})` : tag;
}

/** Whether the API takes `tag` as a tag (the server's own schema, from @rota/core). */
export function isValidTag(tag: string): boolean {
  return tagSchema.safeParse(tag).success;
}
