import { idempotent, RotaProblem, type Schemas, unwrap } from '@rota/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, problemText } from '../../api/problem-text.ts';
import { useRota } from '../../api/rota-context.tsx';
import { Link } from '../../app/router.tsx';
import type { UnitNode } from '../units/unit-tree.ts';
import { useUnitTree } from '../units/use-unit-tree.ts';
import { type Person, usePersonRecord } from './people-queries.ts';
import { TagSelect } from './TagSelect.tsx';

interface Values {
  name: string;
  phone: string;
  birthDate: string;
  unitId: string;
  tags: string[];
}

/** The path of a person's page in the organizer area. */
export function personPath(id: string): string {
  return `/organizer/people/${encodeURIComponent(id)}`;
}

function treeData(nodes: readonly UnitNode[]): unknown[] {
  return nodes.map((node) => ({
    value: node.unit.id,
    title: node.unit.name,
    children: treeData(node.children),
  }));
}

/** The fields that differ from the person's record (a PATCH sends only those). */
export function changedFields(person: Person, values: Values) {
  const phone = values.phone.trim() || null;
  const birthDate = values.birthDate || null;
  const sameTags =
    person.tags.length === values.tags.length &&
    person.tags.every((tag, i) => tag === values.tags[i]);
  return {
    ...(values.name.trim() !== person.name ? { name: values.name.trim() } : {}),
    ...(phone !== person.phone ? { phone } : {}),
    ...(birthDate !== person.birthDate ? { birthDate } : {}),
    ...(values.unitId !== person.unitId ? { unitId: values.unitId } : {}),
    ...(sameTags ? {} : { tags: values.tags }),
  };
}

/**
 * The existing person a `duplicate_person` answer names, with a way to look at them and an
 * explicit "create anyway" (family members may share one phone).
 */
function DuplicateNotice({
  existingId,
  phone,
  editing,
  onOpen,
  onAnyway,
  saving,
}: {
  existingId: string;
  phone: string;
  editing: boolean;
  onOpen: () => void;
  onAnyway: () => void;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const existing = usePersonRecord(existingId);
  const name = existing.data?.name ?? '…';
  return (
    <Alert
      type="warning"
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('org.people.duplicate.title', { phone, name })}
      description={
        <>
          <p style={{ margin: '4px 0 8px' }}>{t('org.people.duplicate.body')}</p>
          <div className="rota-actions">
            <span onClickCapture={onOpen}>
              <Link to={personPath(existingId)}>{t('org.people.duplicate.open', { name })}</Link>
            </span>
            <Button danger onClick={onAnyway} loading={saving}>
              {editing
                ? t('org.people.duplicate.saveAnyway')
                : t('org.people.duplicate.createAnyway')}
            </Button>
          </div>
        </>
      }
    />
  );
}

/**
 * Adds a person or edits one, in a dialog: name, phone, birth date, unit (within my subtree)
 * and tags (from those used in the subtree). A phone that someone in the subtree already has
 * is answered with that person, and saving anyway is a second, deliberate step.
 */
export function PersonForm({
  me,
  person,
  defaultUnitId,
  open,
  onClose,
  onSaved,
}: {
  me: Schemas['Me'];
  person?: Person | undefined;
  defaultUnitId?: string | undefined;
  open: boolean;
  onClose: () => void;
  onSaved?: (person: Person) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rota = useRota();
  const queryClient = useQueryClient();
  const units = useUnitTree(me);
  const [form] = Form.useForm<Values>();
  const [duplicate, setDuplicate] = useState<{ existingId: string; phone: string } | null>(null);
  const editing = person !== undefined;

  useEffect(() => {
    if (!open) return;
    setDuplicate(null);
    form.resetFields();
    form.setFieldsValue({
      name: person?.name ?? '',
      phone: person?.phone ?? '',
      birthDate: person?.birthDate ?? '',
      unitId: person?.unitId ?? defaultUnitId ?? me.unitId ?? '',
      tags: person?.tags ?? [],
    });
  }, [open, person, defaultUnitId, me.unitId, form]);

  const save = useMutation({
    mutationFn: async ({ values, anyway }: { values: Values; anyway: boolean }) => {
      const allow = anyway ? { allowDuplicatePhone: true } : {};
      if (person) {
        return unwrap(
          rota.PATCH('/v1/people/{id}', {
            params: { path: { id: person.id } },
            body: { ...changedFields(person, values), ...allow },
          }),
        );
      }
      const phone = values.phone.trim();
      return unwrap(
        rota.POST('/v1/people', {
          params: { header: idempotent() },
          body: {
            name: values.name.trim(),
            unitId: values.unitId,
            ...(phone ? { phone } : {}),
            ...(values.birthDate ? { birthDate: values.birthDate } : {}),
            tags: values.tags,
            ...allow,
          },
        }),
      );
    },
    onSuccess: (saved) => {
      void message.success(
        t(editing ? 'org.people.form.saved' : 'org.people.form.created', { name: saved.name }),
      );
      queryClient.setQueryData(['person', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      void queryClient.invalidateQueries({ queryKey: ['tags'] });
      onSaved?.(saved);
      onClose();
    },
    onError: (error, { values }) => {
      if (error instanceof RotaProblem && error.code === 'duplicate_person') {
        const existingId = (error.problem as { existingId?: unknown }).existingId;
        if (typeof existingId === 'string') {
          setDuplicate({ existingId, phone: values.phone.trim() });
          return;
        }
      }
      const errors = fieldErrors(error);
      if (errors.length > 0) {
        form.setFields(
          errors
            .filter((e) =>
              ['name', 'phone', 'birthDate', 'unitId', 'tags'].includes(e.path.split('.')[0]!),
            )
            .map((e) => ({ name: e.path.split('.')[0] as keyof Values, errors: [e.message] })),
        );
      }
    },
  });

  const submit = (anyway: boolean) =>
    form
      .validateFields()
      .then((values) => save.mutate({ values, anyway }))
      .catch(() => undefined);

  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('org.people.form.required', { field }),
  });
  const showProblem =
    save.isError &&
    !duplicate &&
    !(
      save.error instanceof RotaProblem &&
      save.error.code === 'validation_failed' &&
      fieldErrors(save.error).length > 0
    );

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={
        editing
          ? t('org.people.form.editTitle', { name: person.name })
          : t('org.people.form.addTitle')
      }
      okText={t('org.people.form.save')}
      cancelText={t('org.people.form.cancel')}
      onOk={() => submit(false)}
      confirmLoading={save.isPending && !duplicate}
      // The form instance stays connected while the dialog is closed.
      forceRender
    >
      {duplicate && (
        <DuplicateNotice
          existingId={duplicate.existingId}
          phone={duplicate.phone}
          editing={editing}
          saving={save.isPending}
          onOpen={onClose}
          onAnyway={() => submit(true)}
        />
      )}
      {showProblem && (
        <Alert
          type="error"
          role="alert"
          style={{ marginBottom: 16 }}
          title={problemText(save.error, t)}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        name={editing ? 'edit-person' : 'add-person'}
        onValuesChange={(changed) => {
          // A new phone is a new question: the old duplicate answer no longer applies.
          if ('phone' in changed) setDuplicate(null);
        }}
      >
        <Form.Item
          name="name"
          label={t('org.people.form.name')}
          rules={[required(t('org.people.form.name'))]}
        >
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('org.people.form.phone')}
          extra={t('org.people.form.phoneHelp')}
        >
          <Input type="tel" autoComplete="off" maxLength={30} />
        </Form.Item>
        <Form.Item
          name="birthDate"
          label={t('org.people.form.birthDate')}
          extra={t('org.people.form.birthDateHelp')}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('org.people.form.unit')}
          rules={[required(t('org.people.form.unit'))]}
        >
          <TreeSelect
            treeData={treeData(units.data?.roots ?? []) as never}
            treeDefaultExpandAll
            loading={units.isPending}
            showSearch={{ treeNodeFilterProp: 'title' }}
          />
        </Form.Item>
        <Form.Item
          name="tags"
          label={t('org.people.form.tags')}
          extra={t('org.people.form.tagsHelp')}
        >
          <TagSelect unitId={me.unitId} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
