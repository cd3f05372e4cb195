import type { FieldError } from '@rota/core';
import { eventKinds } from '@rota/core';
import { Alert, Input, InputNumber, Select } from 'antd';
import { type ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventFormValues } from './event-form-values.ts';
import { eventInputOf, startOf } from './event-form-values.ts';
import { useTags } from './event-queries.ts';
import { RecurrenceEditor } from './RecurrenceEditor.tsx';
import { checkEventInput } from './recurrence/check-event-input.ts';
import { SlotEditor } from './SlotEditor.tsx';

/** Every IANA zone this browser knows; the common ones first. */
function timeZones(): string[] {
  const first = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Europe/Berlin', 'UTC'];
  const all =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...first, ...all.filter((zone) => !first.includes(zone))];
}

function Field(props: { label: string; id: string; errors: FieldError[]; children: ReactNode }) {
  return (
    <div className="rota-field">
      <label htmlFor={props.id} className="rota-label">
        {props.label}
      </label>
      {props.children}
      {props.errors.map((error) => (
        <div key={error.path + error.message} role="alert" className="rota-error">
          {error.message}
        </div>
      ))}
    </div>
  );
}

/** The paths the form shows at a field; any other error is listed in the summary. */
const PLACED =
  /^(title|unitId|kind|location\.(name|address)|description|durationMinutes|timeZone|start|recurrence|slots)(\.|$)/;

/** "N things to fix", listing the errors no field shows (e.g. a query parameter refused). */
export function FormErrorsAlert({ errors }: { errors: FieldError[] }) {
  const { t } = useTranslation();
  const elsewhere = errors.filter((error) => !PLACED.test(error.path));
  return (
    <Alert
      type="error"
      showIcon
      title={t('org.events.form.fix', { count: errors.length })}
      description={
        elsewhere.length > 0 ? (
          <ul>
            {elsewhere.map((error) => (
              <li key={error.path + error.message}>
                {error.path}: {error.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

export interface EventFormProps {
  values: EventFormValues;
  onChange(values: EventFormValues): void;
  units: { id: string; name: string }[];
  /** The form's errors, from {@link useFormErrors}. */
  errors: FieldError[];
  /** After a save was tried: every field says what is wrong (before, only the schedule's). */
  attempted: boolean;
  /** Editing: an event stays in its unit (PATCH cannot move it). */
  unitLocked?: boolean;
}

/**
 * The errors the server would answer for the form's content, found in the browser with core,
 * plus a required title; the server's own answer wins where it names the same field.
 */
export function useFormErrors(
  values: EventFormValues | null,
  serverErrors: FieldError[],
  /** Editing an event whose schedule is unchanged: the server does not re-check its start. */
  scheduleUnchanged = false,
): FieldError[] {
  const { i18n, t } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return useMemo(() => {
    if (values === null) return [];
    const local = checkEventInput(eventInputOf(values), language).filter(
      (error) => !(scheduleUnchanged && error.path === 'start'),
    );
    if (!values.title.trim()) local.push({ path: 'title', message: t('org.events.form.required') });
    const named = new Set(local.map((error) => error.path));
    return [...local, ...serverErrors.filter((error) => !named.has(error.path))];
  }, [values, serverErrors, language, scheduleUnchanged, t]);
}

/** The event's fields, the recurrence editor and the slot editor (create and edit). */
export function EventForm(props: EventFormProps) {
  const { values, onChange } = props;
  const { t } = useTranslation();
  const { errors } = props;
  const base = useId();
  const id = (field: string) => `${base}-${field}`;
  const at = (path: string, always = false) =>
    props.attempted || always ? errors.filter((error) => error.path === path) : [];
  const set = (patch: Partial<EventFormValues>) => onChange({ ...values, ...patch });
  const zones = useMemo(timeZones, []);
  const tags = useTags(values.unitId);

  return (
    <div className="rota-event-form">
      <section aria-labelledby={id('about')}>
        <h3 id={id('about')}>{t('org.events.form.about')}</h3>
        <div className="rota-form-grid">
          <Field label={t('org.events.form.title')} id={id('title')} errors={at('title')}>
            <Input
              id={id('title')}
              value={values.title}
              maxLength={200}
              onChange={(e) => set({ title: e.target.value })}
            />
          </Field>
          <Field label={t('org.events.form.unit')} id={id('unit')} errors={at('unitId')}>
            <Select
              id={id('unit')}
              disabled={props.unitLocked === true}
              value={values.unitId}
              options={props.units.map((unit) => ({ value: unit.id, label: unit.name }))}
              onChange={(unitId: string) => set({ unitId })}
              style={{ minWidth: 220 }}
            />
          </Field>
          <Field label={t('org.events.form.kind')} id={id('kind')} errors={at('kind')}>
            <Select
              id={id('kind')}
              value={values.kind}
              options={eventKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
              onChange={(kind: EventFormValues['kind']) => set({ kind })}
              style={{ minWidth: 220 }}
            />
          </Field>
          <Field label={t('org.events.form.place')} id={id('place')} errors={at('location.name')}>
            <Input
              id={id('place')}
              value={values.locationName}
              maxLength={200}
              onChange={(e) => set({ locationName: e.target.value })}
            />
          </Field>
          <Field
            label={t('org.events.form.address')}
            id={id('address')}
            errors={at('location.address')}
          >
            <Input
              id={id('address')}
              value={values.locationAddress}
              maxLength={500}
              onChange={(e) => set({ locationAddress: e.target.value })}
            />
          </Field>
        </div>
        <Field
          label={t('org.events.form.description')}
          id={id('description')}
          errors={at('description')}
        >
          <Input.TextArea
            id={id('description')}
            value={values.description}
            rows={2}
            maxLength={5000}
            onChange={(e) => set({ description: e.target.value })}
          />
        </Field>
      </section>

      <section aria-labelledby={id('when')}>
        <h3 id={id('when')}>{t('org.events.form.when')}</h3>
        <div className="rota-form-grid">
          <Field label={t('org.events.form.date')} id={id('date')} errors={[]}>
            <Input
              id={id('date')}
              type="date"
              value={values.date}
              onChange={(e) => set({ date: e.target.value })}
            />
          </Field>
          <Field label={t('org.events.form.time')} id={id('time')} errors={[]}>
            <Input
              id={id('time')}
              type="time"
              value={values.time}
              onChange={(e) => set({ time: e.target.value })}
            />
          </Field>
          <Field
            label={t('org.events.form.duration')}
            id={id('duration')}
            errors={at('durationMinutes', true)}
          >
            <InputNumber
              id={id('duration')}
              min={1}
              max={10080}
              precision={0}
              value={values.durationMinutes}
              onChange={(value) => value !== null && set({ durationMinutes: Number(value) })}
            />
          </Field>
          <Field
            label={t('org.events.form.timeZone')}
            id={id('zone')}
            errors={at('timeZone', true)}
          >
            <Select
              id={id('zone')}
              showSearch
              value={values.timeZone}
              options={zones.map((zone) => ({ value: zone, label: zone }))}
              onChange={(timeZone: string) => set({ timeZone })}
              style={{ minWidth: 220 }}
            />
          </Field>
        </div>
        <RecurrenceEditor
          value={values.recurrence}
          onChange={(recurrence) => set({ recurrence })}
          start={startOf(values)}
          timeZone={values.timeZone}
          durationMinutes={values.durationMinutes}
          errors={errors}
          onStartChange={(start) => set({ date: start.slice(0, 10), time: start.slice(11, 16) })}
        />
      </section>

      <section aria-labelledby={id('slots')}>
        <h3 id={id('slots')}>{t('org.events.form.slots')}</h3>
        <SlotEditor
          slots={values.slots}
          onChange={(slots) => set({ slots })}
          errors={errors}
          tags={tags.data ?? []}
        />
      </section>
    </div>
  );
}
