import { ArrowLeftOutlined, EditOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../api/problem-text.ts';
import { Link, useTitle } from '../../app/router.tsx';
import type { OrganizerPageProps } from '../organizer-routes.tsx';
import { SignInLinkDialog } from '../sign-in-links/SignInLinkDialog.tsx';
import { useUnitTree } from '../units/use-unit-tree.ts';
import { PersonForm } from './PersonForm.tsx';
import { usePersonRecord } from './people-queries.ts';
import { RevokeAccessButton } from './RevokeAccessButton.tsx';
import { tagLabel } from './tag-label.ts';

/** One person: their record, edit, a sign-in link (QR), sign out everywhere. */
export default function PersonPage({ me, params }: OrganizerPageProps) {
  const { t } = useTranslation();
  const person = usePersonRecord(params.id);
  const units = useUnitTree(me);
  const [editing, setEditing] = useState(false);
  const [showLink, setShowLink] = useState(false);
  useTitle(person.data?.name ?? t('org.people.title'), t('app.name'));

  const back = (
    <Link to="/organizer/people">
      <ArrowLeftOutlined aria-hidden /> {t('org.people.title')}
    </Link>
  );
  if (person.isPending) return <Spin />;
  if (person.isError)
    return (
      <>
        {back}
        <Alert type="error" role="alert" title={problemText(person.error, t)} />
      </>
    );
  const record = person.data;
  const none = t('org.people.none');
  return (
    <section aria-labelledby="person-title">
      {back}
      <h2 id="person-title">{record.name}</h2>
      <Descriptions
        bordered
        column={1}
        items={[
          { key: 'phone', label: t('org.people.columns.phone'), children: record.phone ?? none },
          {
            key: 'birthDate',
            label: t('org.people.columns.birthDate'),
            children: record.birthDate ?? none,
          },
          {
            key: 'unit',
            label: t('org.people.columns.unit'),
            children: units.data?.byId.get(record.unitId)?.name ?? '',
          },
          {
            key: 'tags',
            label: t('org.people.columns.tags'),
            children:
              record.tags.length === 0
                ? none
                : record.tags.map((tag) => <Tag key={tag}>{tagLabel(tag, t)}</Tag>),
          },
        ]}
      />
      <Space wrap style={{ marginTop: 16 }}>
        <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
          {t('org.people.edit')}
        </Button>
        <Button icon={<QrcodeOutlined aria-hidden />} onClick={() => setShowLink(true)}>
          {t('org.people.signInLink')}
        </Button>
        <RevokeAccessButton person={record} />
      </Space>
      <PersonForm me={me} person={record} open={editing} onClose={() => setEditing(false)} />
      <SignInLinkDialog
        target={{ personId: record.id }}
        name={record.name}
        open={showLink}
        onClose={() => setShowLink(false)}
      />
    </section>
  );
}
