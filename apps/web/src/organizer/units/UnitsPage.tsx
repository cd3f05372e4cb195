import { PlusOutlined, QrcodeOutlined, TeamOutlined } from '@ant-design/icons';
import { idempotent, unwrap } from '@rota/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Tree,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, problemText } from '../../api/problem-text.ts';
import { useRota } from '../../api/rota-context.tsx';
import { navigate, useTitle } from '../../app/router.tsx';
import type { OrganizerPageProps } from '../organizer-routes.tsx';
import { SignInLinkDialog } from '../sign-in-links/SignInLinkDialog.tsx';
import './units.css';
import { childKind, type Unit, type UnitNode } from './unit-tree.ts';
import { useUnitTree } from './use-unit-tree.ts';

const KINDS = ['district', 'subdistrict', 'community', 'grid', 'organization'] as const;

function treeData(nodes: readonly UnitNode[], kindName: (kind: Unit['kind']) => string): unknown[] {
  return nodes.map((node) => ({
    key: node.unit.id,
    title: `${node.unit.name} · ${kindName(node.unit.kind)}`,
    children: treeData(node.children, kindName),
  }));
}

/** Adds a unit below `parent`: its name, and its kind (the usual one below the parent's). */
function AddUnitDialog({
  parent,
  onClose,
  onAdded,
}: {
  parent: Unit;
  onClose: () => void;
  onAdded: (unit: Unit) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rota = useRota();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; kind: Unit['kind'] }>();
  const add = useMutation({
    mutationFn: (values: { name: string; kind: Unit['kind'] }) =>
      unwrap(
        rota.POST('/v1/units', {
          params: { header: idempotent() },
          body: { name: values.name.trim(), kind: values.kind, parentId: parent.id },
        }),
      ),
    onSuccess: async (unit) => {
      void message.success(t('org.units.form.created', { name: unit.name }));
      await queryClient.invalidateQueries({ queryKey: ['units'] });
      onAdded(unit);
      onClose();
    },
    onError: (error) => {
      const errors = fieldErrors(error).filter((e) => e.path === 'name' || e.path === 'kind');
      form.setFields(errors.map((e) => ({ name: e.path as 'name', errors: [e.message] })));
    },
  });
  return (
    <Modal
      open
      title={t('org.units.addChildOf', { name: parent.name })}
      okText={t('org.units.form.save')}
      cancelText={t('org.units.form.cancel')}
      confirmLoading={add.isPending}
      onCancel={onClose}
      onOk={() =>
        form
          .validateFields()
          .then((values) => add.mutate(values))
          .catch(() => undefined)
      }
    >
      {add.isError && fieldErrors(add.error).length === 0 && (
        <Alert
          type="error"
          role="alert"
          style={{ marginBottom: 16 }}
          title={problemText(add.error, t)}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        name="add-unit"
        initialValues={{ name: '', kind: childKind(parent.kind) }}
      >
        <Form.Item
          name="name"
          label={t('org.units.form.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('org.units.form.required', { field: t('org.units.form.name') }),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label={t('org.units.form.kind')}>
          <Select
            options={KINDS.map((kind) => ({ value: kind, label: t(`org.units.kinds.${kind}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Units: the tree of my subtree. Choose a unit to add a unit below it, to create a sign-in
 * link for its organizers (shown as a QR code), or to see its people.
 */
export default function UnitsPage({ me }: OrganizerPageProps) {
  const { t } = useTranslation();
  useTitle(t('org.units.title'), t('app.name'));
  const tree = useUnitTree(me);
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const [linking, setLinking] = useState(false);
  const kindName = (kind: Unit['kind']) => t(`org.units.kinds.${kind}`);

  if (tree.isPending) return <Spin />;
  if (tree.isError) return <Alert type="error" role="alert" title={problemText(tree.error, t)} />;

  const { roots, byId, units } = tree.data;
  const selected = byId.get(selectedId ?? roots[0]?.unit.id ?? '');
  const selectedNode = units.find((node) => node.unit.id === selected?.id);
  const parent = selected?.parentId ? byId.get(selected.parentId) : undefined;

  return (
    <section aria-labelledby="units-title">
      <h2 id="units-title">{t('org.units.title')}</h2>
      <p>{t('org.units.intro')}</p>
      <div className="rota-units-columns">
        <Card title={<h3 style={{ margin: 0 }}>{t('org.units.tree')}</h3>}>
          {roots.length === 0 ? (
            <Empty description={t('org.units.empty')} />
          ) : (
            <Tree
              aria-label={t('org.units.tree')}
              treeData={treeData(roots, kindName) as never}
              defaultExpandAll
              selectedKeys={selected ? [selected.id] : []}
              onSelect={(keys) => {
                const key = keys[0];
                if (key !== undefined) setSelectedId(String(key));
              }}
            />
          )}
        </Card>
        <Card
          title={
            <h3 style={{ margin: 0 }}>{selected ? selected.name : t('org.units.selected')}</h3>
          }
        >
          {!selected ? (
            <p>{t('org.units.chooseOne')}</p>
          ) : (
            <>
              <Descriptions
                column={1}
                items={[
                  { key: 'kind', label: t('org.units.kind'), children: kindName(selected.kind) },
                  ...(parent
                    ? [{ key: 'parent', label: t('org.units.parent'), children: parent.name }]
                    : []),
                  {
                    key: 'children',
                    label: t('org.units.children'),
                    children: t('org.units.childCount', {
                      count: selectedNode?.children.length ?? 0,
                    }),
                  },
                ]}
              />
              <Space wrap style={{ marginTop: 12 }}>
                <Button
                  type="primary"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => setAdding(true)}
                >
                  {t('org.units.addChild')}
                </Button>
                <Button icon={<QrcodeOutlined aria-hidden />} onClick={() => setLinking(true)}>
                  {t('org.units.organizerLink')}
                </Button>
                <Button
                  icon={<TeamOutlined aria-hidden />}
                  onClick={() =>
                    navigate(`/organizer/people?unitId=${encodeURIComponent(selected.id)}`)
                  }
                >
                  {t('org.units.people')}
                </Button>
              </Space>
            </>
          )}
        </Card>
      </div>
      {adding && selected && (
        <AddUnitDialog
          parent={selected}
          onClose={() => setAdding(false)}
          onAdded={(unit) => setSelectedId(unit.id)}
        />
      )}
      {selected && (
        <SignInLinkDialog
          target={{ unitId: selected.id }}
          name={selected.name}
          open={linking}
          onClose={() => setLinking(false)}
        />
      )}
    </section>
  );
}
