import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubtreeTags } from './people-queries.ts';
import { isValidTag, tagLabel } from './tag-label.ts';

/**
 * Tags chosen from those already used in the subtree (with how many people have each), so
 * that `medical` is picked rather than typed again as 医生. A tag nobody has yet can still be
 * added, but only as a deliberate "new tag" choice at the end of the list.
 */
export function TagSelect({
  id,
  unitId,
  value,
  onChange,
}: {
  id?: string;
  unitId: string | undefined;
  value?: string[];
  onChange?: (tags: string[]) => void;
}) {
  const { t } = useTranslation();
  const tags = useSubtreeTags(unitId);
  const [search, setSearch] = useState('');
  const chosen = value ?? [];
  const options = useMemo(() => {
    const used = tags.data?.items ?? [];
    const known = new Set(used.map((item) => item.tag));
    const list: { value: string; label: string; count?: number }[] = used.map((item) => ({
      value: item.tag,
      label: tagLabel(item.tag, t),
      count: item.count,
    }));
    // The person's own tags stay choosable even when nobody else in the subtree has them.
    for (const tag of chosen) {
      if (!known.has(tag)) {
        known.add(tag);
        list.push({ value: tag, label: tagLabel(tag, t) });
      }
    }
    const typed = search.trim();
    if (typed && !known.has(typed) && isValidTag(typed)) {
      list.push({ value: typed, label: t('org.people.form.newTag', { tag: typed }) });
    }
    return list;
  }, [tags.data, chosen, search, t]);

  return (
    <Select
      id={id}
      mode="multiple"
      value={chosen}
      onChange={(next: string[]) => {
        setSearch('');
        onChange?.(next);
      }}
      options={options}
      loading={tags.isPending}
      placeholder={t('org.people.form.tagsPlaceholder')}
      showSearch={{
        searchValue: search,
        onSearch: setSearch,
        filterOption: (input, option) =>
          String(option?.label ?? '')
            .toLowerCase()
            .includes(input.trim().toLowerCase()) || option?.value === input.trim(),
      }}
      optionRender={(option) =>
        option.data.count === undefined
          ? option.label
          : `${option.label} · ${t('org.people.form.tagUsage', { count: option.data.count })}`
      }
    />
  );
}
