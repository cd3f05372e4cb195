import type { Schemas } from '@rota/client';
import type { FieldError } from '@rota/core';
import { Alert, Button, Radio, Space, Spin } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, problemText } from '../../api/problem-text.ts';
import { navigate, useTitle } from '../../app/router.tsx';
import { EventForm, FormErrorsAlert, useFormErrors } from './EventForm.tsx';
import {
  type EventFormValues,
  eventInputOf,
  nextSaturday,
  valuesFromTemplate,
} from './event-form-values.ts';
import { type EventKind, useCreateEvent, useMyUnits, useTemplates } from './event-queries.ts';

/**
 * Create an event from a template: the kind's slots come prefilled, then the schedule (with
 * its preview), the slots, and "save as draft" or "publish".
 */
export function CreateEventPage({ me }: { me: Schemas['Me'] }) {
  const { t } = useTranslation();
  useTitle(t('org.events.create.title'), t('app.name'));
  const templates = useTemplates();
  const units = useMyUnits(me);
  const create = useCreateEvent();
  const ids = { template: useId() };
  const [values, setValues] = useState<EventFormValues | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [attempted, setAttempted] = useState(false);
  const errors = useFormErrors(values, serverErrors);

  const chooseTemplate = (kind: EventKind) => {
    const template = templates.data?.find((item) => item.kind === kind);
    if (!template) return;
    const unitId = values?.unitId ?? me.unitId ?? units.data?.[0]?.id ?? '';
    const next = valuesFromTemplate(template, unitId, values?.date ?? nextSaturday(new Date()));
    // The title typed so far stays when another template is tried.
    setValues({ ...next, title: values?.title ?? '' });
    setServerErrors([]);
  };

  const save = (status: 'draft' | 'published') => {
    if (!values) return;
    setAttempted(true);
    if (errors.length > 0) return;
    create.mutate(eventInputOf(values, status) as unknown as Record<string, unknown>, {
      onSuccess: (event) => navigate(`/organizer/events/${encodeURIComponent(event.id)}`),
      onError: (error) => setServerErrors(fieldErrors(error)),
    });
  };

  return (
    <section aria-labelledby="create-event-title" className="rota-events-page">
      <h2 id="create-event-title">{t('org.events.create.title')}</h2>
      {templates.isPending && <Spin />}
      {templates.isError && <Alert type="error" showIcon title={problemText(templates.error, t)} />}
      {templates.data && (
        <div className="rota-field">
          <span id={ids.template} className="rota-label">
            {t('org.events.create.template')}
          </span>
          <Radio.Group
            aria-labelledby={ids.template}
            optionType="button"
            value={values?.template}
            onChange={(event) => chooseTemplate(event.target.value as EventKind)}
            options={templates.data.map((template) => ({
              value: template.kind,
              label: t(`kinds.${template.kind}`),
            }))}
          />
          {!values && <p className="rota-help">{t('org.events.create.templateHelp')}</p>}
        </div>
      )}
      {values && (
        <>
          <EventForm
            values={values}
            onChange={(next) => {
              setValues(next);
              setServerErrors([]);
            }}
            units={units.data ?? []}
            errors={errors}
            attempted={attempted}
          />
          {attempted && errors.length > 0 && <FormErrorsAlert errors={errors} />}
          {create.isError && serverErrors.length === 0 && (
            <Alert type="error" showIcon title={problemText(create.error, t)} />
          )}
          <Space wrap className="rota-actions">
            <Button loading={create.isPending} onClick={() => save('draft')}>
              {t('org.events.create.saveDraft')}
            </Button>
            <Button type="primary" loading={create.isPending} onClick={() => save('published')}>
              {t('org.events.create.publish')}
            </Button>
            <Button type="link" onClick={() => navigate('/organizer/events')}>
              {t('org.events.cancelEdit')}
            </Button>
          </Space>
        </>
      )}
    </section>
  );
}
