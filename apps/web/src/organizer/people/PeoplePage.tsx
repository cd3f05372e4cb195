import { EditOutlined, PlusOutlined, QrcodeOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Input, Select, Space, Table, Tag, TreeSelect } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../api/problem-text.ts';
import { Link, navigate, useTitle } from '../../app/router.tsx';
import type { OrganizerPageProps } from '../organizer-routes.tsx';
import { SignInLinkDialog } from '../sign-in-links/SignInLinkDialog.tsx';
import type { UnitNode } from '../units/unit-tree.ts';
import { useUnitTree } from '../units/use-unit-tree.ts';
import './people.css';
import { PersonForm, personPath } from './PersonForm.tsx';
import { type Person, usePeopleSearch, useSubtreeTags } from './people-queries.ts';
import { RevokeAccessButton } from './RevokeAccessButton.tsx';
import { tagLabel } from './tag-label.ts';

/** Typing pauses this long before the search goes out (one request per word, not per key). */
const SEARCH_DELAY_MS = 300;

function treeData(nodes: readonly UnitNode[]): unknown[] {
  return nodes.map((node) => ({
    value: node.unit.id,
    title: node.unit.name,
    children: treeData(node.children),
  }));
}

/** `?unitId=` of the address (the Units page links here with it). */
function unitFromAddress(): string | undefined {
  return new URLSearchParams(window.location.search).get('unitId') ?? undefined;
}

/**
 * People: the volunteers and residents of my subtree, searched by name (Chinese or pinyin) or
 * phone and filtered by tag and unit; add and edit them, give them a sign-in link (QR), and
 * sign them out everywhere.
 */
export default function PeoplePage({ me }: OrganizerPageProps) {
  const { t } = useTranslation();
  useTitle(t('org.people.title'), t('app.name'));
  const ids = { q: useId(), tag: useId(), unit: useId() };
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [tag, setTag] = useState<string | undefined>(undefined);
  const [unitId, setUnitId] = useState<string | undefined>(unitFromAddress);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [linkFor, setLinkFor] = useState<Person | null>(null);
  const units = useUnitTree(me);
  const tags = useSubtreeTags(me.unitId);
  const search = usePeopleSearch({ unitId, q, tag });
  const people = search.data?.pages.flatMap((page) => page.items) ?? [];

  useEffect(() => {
    const timer = setTimeout(() => setQ(typed), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const unitName = (id: string) => units.data?.byId.get(id)?.name ?? '';

  return (
    <section aria-labelledby="people-title">
      <div className="rota-people-title">
        <h2 id="people-title">{t('org.people.title')}</h2>
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setEditing('new')}
        >
          {t('org.people.add')}
        </Button>
      </div>
      <p>{t('org.people.intro')}</p>
      <search>
        <form
          className="rota-people-filters"
          aria-label={t('org.people.filters')}
          onSubmit={(event) => {
            event.preventDefault();
            setQ(typed);
          }}
        >
          <div>
            <label htmlFor={ids.q}>{t('org.people.search')}</label>
            <Input
              id={ids.q}
              type="search"
              value={typed}
              allowClear
              prefix={<SearchOutlined aria-hidden />}
              placeholder={t('org.people.searchPlaceholder')}
              onChange={(event) => setTyped(event.target.value)}
            />
          </div>
          <div>
            <label htmlFor={ids.tag}>{t('org.people.tag')}</label>
            <Select
              id={ids.tag}
              value={tag ?? ''}
              onChange={(value: string) => setTag(value || undefined)}
              options={[
                { value: '', label: t('org.people.tagAll') },
                ...(tags.data?.items ?? []).map((item) => ({
                  value: item.tag,
                  label: `${tagLabel(item.tag, t)} · ${item.count}`,
                })),
              ]}
              style={{ minWidth: 200 }}
            />
          </div>
          <div>
            <label htmlFor={ids.unit}>{t('org.people.unit')}</label>
            <TreeSelect
              id={ids.unit}
              value={unitId}
              onChange={(value: string | undefined) => setUnitId(value || undefined)}
              treeData={treeData(units.data?.roots ?? []) as never}
              treeDefaultExpandAll
              allowClear
              placeholder={t('org.people.unitAll')}
              style={{ minWidth: 220 }}
            />
          </div>
        </form>
      </search>
      {search.isError && <Alert type="error" role="alert" title={problemText(search.error, t)} />}
      <p aria-live="polite" className="rota-note">
        {search.isSuccess ? t('org.people.count', { count: people.length }) : ''}
      </p>
      <Table<Person>
        rowKey="id"
        dataSource={people}
        loading={search.isPending || search.isFetching}
        pagination={false}
        locale={{ emptyText: <Empty description={t('org.people.empty')} /> }}
        columns={[
          {
            key: 'name',
            title: t('org.people.columns.name'),
            // Names stay on one line: 张建国 broken over two lines reads as two people.
            onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            render: (_, person) => <Link to={personPath(person.id)}>{person.name}</Link>,
          },
          {
            key: 'phone',
            title: t('org.people.columns.phone'),
            render: (_, person) => person.phone ?? '',
          },
          {
            key: 'birthDate',
            title: t('org.people.columns.birthDate'),
            render: (_, person) => person.birthDate ?? '',
          },
          {
            key: 'unit',
            title: t('org.people.columns.unit'),
            render: (_, person) => unitName(person.unitId),
          },
          {
            key: 'tags',
            title: t('org.people.columns.tags'),
            render: (_, person) =>
              person.tags.map((item) => <Tag key={item}>{tagLabel(item, t)}</Tag>),
          },
          {
            key: 'actions',
            title: t('org.people.columns.actions'),
            render: (_, person) => (
              <Space wrap={false}>
                <Button
                  icon={<EditOutlined aria-hidden />}
                  aria-label={t('org.people.editOf', { name: person.name })}
                  onClick={() => setEditing(person)}
                >
                  {t('org.people.edit')}
                </Button>
                <Button
                  icon={<QrcodeOutlined aria-hidden />}
                  aria-label={t('org.people.signInLinkOf', { name: person.name })}
                  onClick={() => setLinkFor(person)}
                >
                  {t('org.people.signInLink')}
                </Button>
                <RevokeAccessButton person={person} compact />
              </Space>
            ),
          },
        ]}
      />
      {search.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => search.fetchNextPage()} loading={search.isFetchingNextPage}>
            {t('org.people.more')}
          </Button>
        </div>
      )}
      <PersonForm
        me={me}
        person={editing === 'new' || editing === null ? undefined : editing}
        defaultUnitId={unitId}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          if (editing === 'new') navigate(personPath(saved.id));
        }}
      />
      {linkFor && (
        <SignInLinkDialog
          target={{ personId: linkFor.id }}
          name={linkFor.name}
          open
          onClose={() => setLinkFor(null)}
        />
      )}
    </section>
  );
}
