import type { Schemas } from '@rota/client';
import type { FieldError } from '@rota/core';
import { Alert, App, Button, Modal, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, problemText } from '../../api/problem-text.ts';
import { navigate, useTitle } from '../../app/router.tsx';
import { EventForm, FormErrorsAlert, useFormErrors } from './EventForm.tsx';
import { type EventFormValues, eventPatchOf, valuesFromEvent } from './event-form-values.ts';
import {
  type EditEffects,
  editEffectsOf,
  useEvent,
  useMyUnits,
  usePatchEvent,
} from './event-queries.ts';

/** The dry run's effects in plain words, one sentence each; none: "affects no one". */
export function EffectsList({ effects }: { effects: EditEffects }) {
  const { t } = useTranslation();
  const lines = (
    [
      'signupsCancelled',
      'waitlistPromoted',
      'shiftsRemoved',
      'shiftsAdded',
      'shiftsChanged',
      'occurrencesCancelled',
      'occurrencesAdded',
      'occurrencesMoved',
    ] as const
  ).filter((key) => effects[key] > 0);
  if (lines.length === 0) return <p>{t('org.events.effects.none')}</p>;
  return (
    <ul>
      {lines.map((key) => (
        <li key={key}>
          {key === 'signupsCancelled' ? (
            <strong>{t(`org.events.effects.${key}`, { count: effects[key] })}</strong>
          ) : (
            t(`org.events.effects.${key}`, { count: effects[key] })
          )}
        </li>
      ))}
    </ul>
  );
}

function EditForm({ event, me }: { event: Schemas['Event']; me: Schemas['Me'] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const units = useMyUnits(me);
  const patchEvent = usePatchEvent();
  const [before] = useState(() => valuesFromEvent(event));
  const [values, setValues] = useState<EventFormValues>(before);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [attempted, setAttempted] = useState(false);
  // What the change will do; 'unknown' when the API cannot say (no dry run): ask anyway.
  const [effects, setEffects] = useState<EditEffects | 'unknown' | null>(null);
  const patch = eventPatchOf(values, before);
  const scheduleUnchanged = !('start' in patch) && !('recurrence' in patch);
  const errors = useFormErrors(values, serverErrors, scheduleUnchanged);
  const open = () => navigate(`/organizer/events/${encodeURIComponent(event.id)}`);

  const onError = (error: unknown) => {
    setEffects(null);
    setServerErrors(fieldErrors(error));
  };
  // First the dry run: what the change will do, said before anything is saved.
  const review = () => {
    setAttempted(true);
    if (errors.length > 0) return;
    if (Object.keys(patch).length === 0) {
      void message.info(t('org.events.edit.nothing'));
      return;
    }
    patchEvent.mutate(
      { id: event.id, version: event.version, patch, dryRun: true },
      {
        onSuccess: (answer) => {
          // An API without the dry run would have saved the change: say so, do not ask.
          if ((answer as { dryRun?: unknown } | null)?.dryRun !== true) {
            void message.success(t('org.events.edit.saved'));
            open();
            return;
          }
          setEffects(editEffectsOf(answer));
        },
        onError: (error) => {
          if (fieldErrors(error).some((field) => field.path === 'query.dryRun')) {
            setEffects('unknown');
          } else onError(error);
        },
      },
    );
  };
  const save = () =>
    patchEvent.mutate(
      { id: event.id, version: event.version, patch, dryRun: false },
      {
        onSuccess: () => {
          setEffects(null);
          void message.success(t('org.events.edit.saved'));
          open();
        },
        onError,
      },
    );

  return (
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
        unitLocked
      />
      {attempted && errors.length > 0 && <FormErrorsAlert errors={errors} />}
      {patchEvent.isError && serverErrors.length === 0 && (
        <Alert type="error" showIcon title={problemText(patchEvent.error, t)} />
      )}
      <Space wrap className="rota-actions">
        <Button type="primary" loading={patchEvent.isPending && effects === null} onClick={review}>
          {t('org.events.edit.review')}
        </Button>
        <Button type="link" onClick={open}>
          {t('org.events.cancelEdit')}
        </Button>
      </Space>
      <Modal
        title={t('org.events.edit.confirmTitle')}
        open={effects !== null}
        onCancel={() => setEffects(null)}
        footer={[
          <Button key="back" onClick={() => setEffects(null)}>
            {t('org.events.edit.back')}
          </Button>,
          <Button
            key="save"
            type="primary"
            danger={effects !== 'unknown' && (effects?.signupsCancelled ?? 0) > 0}
            loading={patchEvent.isPending}
            onClick={save}
          >
            {t('org.events.edit.confirm')}
          </Button>,
        ]}
      >
        {effects === 'unknown' ? (
          <p>{t('org.events.edit.noPreview')}</p>
        ) : (
          <>
            <p>{t('org.events.edit.willDo')}</p>
            {effects && <EffectsList effects={effects} />}
          </>
        )}
      </Modal>
    </>
  );
}

/** Edit an event: the same form as creating, and a warning of what the change will do. */
export function EditEventPage({ id, me }: { id: string; me: Schemas['Me'] }) {
  const { t } = useTranslation();
  useTitle(t('org.events.edit.title'), t('app.name'));
  const event = useEvent(id);
  return (
    <section aria-labelledby="edit-event-title" className="rota-events-page">
      <h2 id="edit-event-title">
        {event.data
          ? t('org.events.edit.titleOf', { title: event.data.title })
          : t('org.events.edit.title')}
      </h2>
      {event.isPending && <Spin />}
      {event.isError && <Alert type="error" showIcon title={problemText(event.error, t)} />}
      {event.data && <EditForm event={event.data} me={me} />}
    </section>
  );
}
