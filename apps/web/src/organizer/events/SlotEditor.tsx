import type { FieldError } from '@rota/core';
import { Button, Checkbox, Input, InputNumber, Radio, Select } from 'antd';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlotInput } from './event-queries.ts';

/** Tags offered before any is typed (the qualifications the templates use). */
const KNOWN_TAGS = ['medical', 'law-enforcement', 'party-member'];

export interface SlotEditorProps {
  slots: SlotInput[];
  onChange(slots: SlotInput[]): void;
  /** Field errors of the event; this editor shows those under `slots.N.*`. */
  errors: FieldError[];
  /** Tags used in the unit's subtree, offered in the tag field. */
  tags?: string[];
}

/** A key no other slot has (`slot-3`): keys name a slot's shifts across edits. */
export function newSlotKey(slots: readonly SlotInput[]): string {
  const keys = new Set(slots.map((slot) => slot.key));
  let n = slots.length + 1;
  while (keys.has(`slot-${n}`)) n++;
  return `slot-${n}`;
}

function Field(props: {
  label: string;
  id: string;
  errors: FieldError[];
  help?: string;
  children: ReactNode;
}) {
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
      {props.help && props.errors.length === 0 && <div className="rota-help">{props.help}</div>}
    </div>
  );
}

/** An optional whole number: empty means "no limit" (null). */
const optional = (value: number | string | null): number | null =>
  value === null || value === '' ? null : Number(value);

function SlotFields(props: {
  slot: SlotInput;
  index: number;
  errors: FieldError[];
  tags: string[];
  onChange(slot: SlotInput): void;
  onRemove?: (() => void) | undefined;
}) {
  const { slot, index, onChange } = props;
  const { t } = useTranslation();
  const base = useId();
  const id = (field: string) => `${base}-${field}`;
  const errorsOf = (...fields: string[]) =>
    props.errors.filter((error) =>
      fields.some((field) => error.path === `slots.${index}.${field}`),
    );
  const set = (patch: Partial<SlotInput>) => onChange({ ...slot, ...patch });
  const appointments = slot.repeatEveryMinutes !== undefined && slot.repeatEveryMinutes !== null;
  const title = slot.name.trim() || t('org.events.slots.untitled', { n: index + 1 });

  return (
    <fieldset className="rota-slot">
      <legend>{title}</legend>
      <div className="rota-slot-grid">
        <Field label={t('org.events.slots.name')} id={id('name')} errors={errorsOf('name', 'key')}>
          <Input
            id={id('name')}
            value={slot.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </Field>
        <div className="rota-field">
          <span id={id('role')} className="rota-label">
            {t('org.events.slots.role')}
          </span>
          <Radio.Group
            aria-labelledby={id('role')}
            optionType="button"
            value={slot.role}
            onChange={(e) => set({ role: e.target.value })}
            options={[
              { value: 'volunteer', label: t('org.events.slots.roleVolunteer') },
              { value: 'attendee', label: t('org.events.slots.roleAttendee') },
            ]}
          />
        </div>
        <Field
          label={t('org.events.slots.capacity')}
          id={id('capacity')}
          errors={errorsOf('capacity')}
        >
          <InputNumber
            id={id('capacity')}
            min={1}
            max={100000}
            precision={0}
            value={slot.capacity}
            // An emptied field keeps the last number until one is typed.
            onChange={(value) => value !== null && set({ capacity: Number(value) })}
          />
        </Field>
        <Field
          label={t('org.events.slots.target')}
          id={id('target')}
          errors={errorsOf('minNeeded')}
          help={t('org.events.slots.targetHelp')}
        >
          <InputNumber
            id={id('target')}
            min={0}
            max={100000}
            precision={0}
            value={slot.minNeeded ?? 0}
            onChange={(value) => value !== null && set({ minNeeded: Number(value) })}
          />
        </Field>
        <Field label={t('org.events.slots.minAge')} id={id('minAge')} errors={errorsOf('minAge')}>
          <InputNumber
            id={id('minAge')}
            min={0}
            max={150}
            precision={0}
            placeholder={t('org.events.slots.noLimit')}
            value={slot.minAge ?? null}
            onChange={(value) => set({ minAge: optional(value) })}
          />
        </Field>
        <Field label={t('org.events.slots.maxAge')} id={id('maxAge')} errors={errorsOf('maxAge')}>
          <InputNumber
            id={id('maxAge')}
            min={0}
            max={150}
            precision={0}
            placeholder={t('org.events.slots.noLimit')}
            value={slot.maxAge ?? null}
            onChange={(value) => set({ maxAge: optional(value) })}
          />
        </Field>
        <Field
          label={t('org.events.slots.partySize')}
          id={id('party')}
          errors={errorsOf('maxPartySize')}
          help={t('org.events.slots.partySizeHelp')}
        >
          <InputNumber
            id={id('party')}
            min={1}
            max={50}
            precision={0}
            value={slot.maxPartySize ?? 1}
            onChange={(value) => value !== null && set({ maxPartySize: Number(value) })}
          />
        </Field>
        <Field
          label={t('org.events.slots.tags')}
          id={id('tags')}
          errors={props.errors.filter((e) => e.path.startsWith(`slots.${index}.requiredTags`))}
          help={t('org.events.slots.tagsHelp')}
        >
          <Select
            id={id('tags')}
            mode="tags"
            // A comma or space ends a tag: typed quickly at the desk, no list to pick from.
            tokenSeparators={[',', ' ', '，']}
            virtual={false}
            value={slot.requiredTags ?? []}
            options={[...new Set([...props.tags, ...KNOWN_TAGS, ...(slot.requiredTags ?? [])])].map(
              (tag) => ({ value: tag, label: tag }),
            )}
            onChange={(requiredTags: string[]) => set({ requiredTags })}
            style={{ minWidth: 220 }}
          />
        </Field>
      </div>
      <div className="rota-field">
        <Checkbox
          checked={appointments}
          onChange={(e) =>
            set(
              e.target.checked
                ? { repeatEveryMinutes: 30, durationMinutes: slot.durationMinutes ?? 30 }
                : { repeatEveryMinutes: null, durationMinutes: undefined },
            )
          }
        >
          {t('org.events.slots.appointments')}
        </Checkbox>
      </div>
      {appointments && (
        <div className="rota-slot-grid">
          <Field
            label={t('org.events.slots.every')}
            id={id('every')}
            errors={errorsOf('repeatEveryMinutes')}
          >
            <InputNumber
              id={id('every')}
              min={5}
              max={10080}
              precision={0}
              value={slot.repeatEveryMinutes ?? 30}
              onChange={(value) => value !== null && set({ repeatEveryMinutes: Number(value) })}
            />
          </Field>
          <Field
            label={t('org.events.slots.length')}
            id={id('length')}
            errors={errorsOf('durationMinutes', 'offsetMinutes')}
          >
            <InputNumber
              id={id('length')}
              min={1}
              max={10080}
              precision={0}
              value={slot.durationMinutes ?? 30}
              onChange={(value) => value !== null && set({ durationMinutes: Number(value) })}
            />
          </Field>
        </div>
      )}
      {!appointments &&
        errorsOf('offsetMinutes', 'durationMinutes').map((error) => (
          <div key={error.message} role="alert" className="rota-error">
            {error.message}
          </div>
        ))}
      {props.onRemove && (
        <Button danger onClick={props.onRemove}>
          {t('org.events.slots.remove', { name: title })}
        </Button>
      )}
    </fieldset>
  );
}

/**
 * The slot editor: per slot its name, kind (volunteers or attendees), capacity, target (the
 * fewest people it needs), ages, qualifications, party size, and appointments every N
 * minutes; slots added and removed. Errors show at their field (core's paths `slots.N.*`).
 */
export function SlotEditor(props: SlotEditorProps) {
  const { t } = useTranslation();
  const { slots, onChange } = props;
  const general = props.errors.filter((error) => error.path === 'slots');
  return (
    <div className="rota-slots">
      {slots.map((slot, index) => (
        <SlotFields
          // Keys are unique among slots (core refuses duplicates), so they name rows.
          key={slot.key}
          slot={slot}
          index={index}
          errors={props.errors}
          tags={props.tags ?? []}
          onChange={(next) => onChange(slots.map((s, i) => (i === index ? next : s)))}
          onRemove={
            slots.length > 1 ? () => onChange(slots.filter((_, i) => i !== index)) : undefined
          }
        />
      ))}
      {general.map((error) => (
        <div key={error.message} role="alert" className="rota-error">
          {error.message}
        </div>
      ))}
      <Button
        onClick={() =>
          onChange([
            ...slots,
            { key: newSlotKey(slots), name: '', role: 'volunteer', capacity: 10, minNeeded: 0 },
          ])
        }
      >
        {t('org.events.slots.add')}
      </Button>
    </div>
  );
}
