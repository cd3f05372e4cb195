import type { FieldError } from '@rota/core';
import { Alert, Button, Input, InputNumber, Radio, Space, Tag } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shiftWhen } from '../../format/shift-time.ts';
import { describeSchedule } from './recurrence/describe-schedule.ts';
import { type PreviewOccurrence, previewOccurrences } from './recurrence/preview-occurrences.ts';
import { type RecurrenceValue, recurrenceOf } from './recurrence/recurrence-value.ts';
import {
  PRESETS,
  type Preset,
  type RuleEnd,
  weekdayOf,
  weekOfMonth,
} from './recurrence/rule-presets.ts';

const PREVIEW_STEP = 8;

/** The schedule fields whose errors make a preview impossible. */
const SCHEDULE_PATHS = /^(start|timeZone|durationMinutes|recurrence)(\.|$)/;

export interface RecurrenceEditorProps {
  value: RecurrenceValue;
  onChange(value: RecurrenceValue): void;
  /** `YYYY-MM-DDTHH:mm`, the first occurrence's local start. */
  start: string;
  timeZone: string;
  durationMinutes: number;
  /** The field errors of the whole event (core's check or the server's answer). */
  errors: FieldError[];
  /** Moves the start (the fix the server proposes for a rule that does not produce it). */
  onStartChange?(start: string): void;
}

/** "12/19周六 09:00–10:30" without the end's date: the preview's line for one occurrence. */
function when(occurrence: PreviewOccurrence, language: string): string {
  return shiftWhen(occurrence.start, occurrence.end, language);
}

/**
 * The recurrence editor: presets in plain words, a custom RRULE checked as the server checks
 * it, the rule said as a sentence in the chosen language, and the next occurrences computed by
 * core in the browser, where a click on a date skips it (EXDATE) and "move" puts it elsewhere.
 */
export function RecurrenceEditor(props: RecurrenceEditorProps) {
  const { value, onChange, start, timeZone, durationMinutes, errors } = props;
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const ids = { preset: useId(), end: useId(), rule: useId(), sentence: useId(), list: useId() };
  const [shown, setShown] = useState(PREVIEW_STEP);
  const [moving, setMoving] = useState<{ from: string; to: string } | null>(null);
  const date = start.slice(0, 10);
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const recurrence = validDate ? recurrenceOf(value, date) : null;
  const scheduleErrors = errors.filter((error) => SCHEDULE_PATHS.test(error.path));
  const ruleErrors = errors.filter((error) => error.path.startsWith('recurrence'));
  const startProblem = errors.find((error) => error.path === 'start');
  const fix = startProblem && /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})/.exec(startProblem.message)?.[1];

  // One key for the memo: the recurrence object is rebuilt on every render.
  const recurrenceKey = JSON.stringify(recurrence);
  // biome-ignore lint/correctness/useExhaustiveDependencies: recurrenceKey stands for recurrence
  const preview = useMemo(() => {
    if (!validDate) return { items: [] as PreviewOccurrence[] };
    try {
      const items = previewOccurrences(
        {
          start,
          timeZone,
          durationMinutes,
          rrule: recurrence?.rrule ?? null,
          exdates: recurrence?.exdates ?? [],
          rdates: recurrence?.rdates ?? [],
        },
        shown,
      );
      return { items };
    } catch (error) {
      // A schedule core refuses has its field errors on screen already.
      return { items: [] as PreviewOccurrence[], error: (error as Error).message };
    }
  }, [validDate, start, timeZone, durationMinutes, recurrenceKey, shown]);
  // Core's refusal (too many occurrences to expand) is said by the catalog, in both languages.
  const previewError =
    scheduleErrors.length === 0 && preview.error
      ? t('org.events.recurrence.previewFailed')
      : undefined;

  const sentence =
    validDate && ruleErrors.length === 0
      ? describeSchedule(
          {
            start,
            rrule: recurrence?.rrule ?? null,
            exdates: recurrence?.exdates ?? [],
            rdates: recurrence?.rdates ?? [],
          },
          t,
          language,
        )
      : null;

  const set = (patch: Partial<RecurrenceValue>) => onChange({ ...value, ...patch });
  const presetLabel = (preset: Preset): string => {
    if (!validDate) return t(`org.events.recurrence.preset.${preset}`, { day: '', nth: '' });
    const day = t(`org.events.rule.weekday.${weekdayOf(date)}`);
    const week = weekOfMonth(date);
    const nth = t(`org.events.rule.nth.${week === -1 ? 'last' : week}`);
    return t(`org.events.recurrence.preset.${preset}`, { day, nth });
  };
  const setEnd = (end: RuleEnd) => set({ end });
  const toggleSkip = (occurrence: PreviewOccurrence) => {
    const local = occurrence.localStart;
    const moved = value.moves.find((move) => move.from === local);
    if (moved) set({ moves: value.moves.filter((move) => move !== moved) });
    else if (value.skips.includes(local)) set({ skips: value.skips.filter((s) => s !== local) });
    else set({ skips: [...value.skips, local] });
  };
  const confirmMove = () => {
    if (!moving || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(moving.to)) return;
    const to = moving.to.length === 16 ? `${moving.to}:00` : moving.to;
    set({
      skips: value.skips.filter((s) => s !== moving.from),
      moves: [
        ...value.moves.filter((move) => move.from !== moving.from),
        { from: moving.from, to },
      ],
    });
    setMoving(null);
  };

  return (
    <div className="rota-recurrence">
      <div className="rota-field">
        <span id={ids.preset} className="rota-label">
          {t('org.events.recurrence.repeats')}
        </span>
        <Radio.Group
          aria-labelledby={ids.preset}
          value={value.preset}
          onChange={(event) => set({ preset: event.target.value as Preset })}
        >
          <Space orientation="vertical">
            {PRESETS.map((preset) => (
              <Radio key={preset} value={preset}>
                {presetLabel(preset)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </div>

      {value.preset === 'custom' && (
        <div className="rota-field">
          <label htmlFor={ids.rule} className="rota-label">
            {t('org.events.recurrence.rrule')}
          </label>
          <Input
            id={ids.rule}
            value={value.custom}
            placeholder="FREQ=WEEKLY;BYDAY=SA;COUNT=4"
            spellCheck={false}
            autoComplete="off"
            status={ruleErrors.length > 0 ? 'error' : undefined}
            aria-invalid={ruleErrors.length > 0}
            aria-describedby={`${ids.rule}-help`}
            onChange={(event) => set({ custom: event.target.value })}
          />
          <div id={`${ids.rule}-help`} className="rota-help">
            {ruleErrors.length > 0 ? (
              ruleErrors.map((error) => (
                <div key={error.path + error.message} role="alert" className="rota-error">
                  {error.message}
                </div>
              ))
            ) : (
              <span>{t('org.events.recurrence.rruleHelp')}</span>
            )}
          </div>
        </div>
      )}

      {value.preset !== 'once' && value.preset !== 'custom' && (
        <div className="rota-field">
          <span id={ids.end} className="rota-label">
            {t('org.events.recurrence.ends')}
          </span>
          <Radio.Group
            aria-labelledby={ids.end}
            value={value.end.kind}
            onChange={(event) => {
              const kind = event.target.value as RuleEnd['kind'];
              if (kind === 'count') setEnd({ kind, count: 4 });
              else if (kind === 'until') setEnd({ kind, until: date });
              else setEnd({ kind });
            }}
          >
            <Space orientation="vertical">
              <Radio value="count">{t('org.events.recurrence.endCount')}</Radio>
              <Radio value="until">{t('org.events.recurrence.endUntil')}</Radio>
              <Radio value="never">{t('org.events.recurrence.endNever')}</Radio>
            </Space>
          </Radio.Group>
          {value.end.kind === 'count' && (
            <InputNumber
              aria-label={t('org.events.recurrence.count')}
              min={1}
              max={1000}
              value={value.end.count}
              onChange={(count) =>
                count !== null && setEnd({ kind: 'count', count: Number(count) })
              }
            />
          )}
          {value.end.kind === 'until' && (
            <Input
              type="date"
              aria-label={t('org.events.recurrence.until')}
              value={value.end.until}
              onChange={(event) => setEnd({ kind: 'until', until: event.target.value })}
              style={{ maxWidth: 220 }}
            />
          )}
        </div>
      )}

      {startProblem && (
        <Alert
          type="error"
          showIcon
          title={startProblem.message}
          action={
            fix && props.onStartChange ? (
              <Button onClick={() => props.onStartChange?.(fix)}>
                {t('org.events.recurrence.startThere', { start: fix.replace('T', ' ') })}
              </Button>
            ) : undefined
          }
        />
      )}

      {sentence && (
        <p id={ids.sentence} className="rota-sentence" aria-live="polite">
          <strong>{t('org.events.recurrence.sentence')}</strong> <span>{sentence}</span>
        </p>
      )}

      <h4 id={ids.list}>{t('org.events.recurrence.preview')}</h4>
      {previewError && <Alert type="warning" showIcon title={previewError} />}
      {preview.items.length > 0 && (
        <>
          <p className="rota-help">{t('org.events.recurrence.previewHelp', { zone: timeZone })}</p>
          <ul aria-labelledby={ids.list} className="rota-preview">
            {preview.items.map((occurrence) => {
              const text = when(occurrence, language);
              const moved = value.moves.find((move) => move.from === occurrence.localStart);
              return (
                <li key={occurrence.localStart}>
                  <Button
                    aria-pressed={occurrence.skipped}
                    aria-label={t('org.events.recurrence.skip', { when: text })}
                    onClick={() => toggleSkip(occurrence)}
                    style={occurrence.skipped ? { textDecoration: 'line-through' } : undefined}
                  >
                    {text}
                  </Button>
                  <span className="rota-offset">UTC{occurrence.start.slice(19)}</span>
                  {occurrence.skipped && !moved && <Tag>{t('org.events.recurrence.skipped')}</Tag>}
                  {moved && (
                    <Tag>
                      {t('org.events.recurrence.movedTo', {
                        to: moved.to.slice(0, 16).replace('T', ' '),
                      })}
                    </Tag>
                  )}
                  {occurrence.added && <Tag>{t('org.events.recurrence.added')}</Tag>}
                  {!occurrence.skipped && !occurrence.added && (
                    <Button
                      aria-label={t('org.events.recurrence.move', { when: text })}
                      onClick={() =>
                        setMoving({
                          from: occurrence.localStart,
                          to: occurrence.localStart.slice(0, 16),
                        })
                      }
                    >
                      {t('org.events.recurrence.moveShort')}
                    </Button>
                  )}
                  {moving?.from === occurrence.localStart && (
                    <Space wrap>
                      <Input
                        type="datetime-local"
                        aria-label={t('org.events.recurrence.moveTo', { when: text })}
                        value={moving.to}
                        onChange={(event) => setMoving({ ...moving, to: event.target.value })}
                      />
                      <Button type="primary" onClick={confirmMove}>
                        {t('org.events.recurrence.moveConfirm')}
                      </Button>
                      <Button onClick={() => setMoving(null)}>{t('org.events.cancelEdit')}</Button>
                    </Space>
                  )}
                </li>
              );
            })}
          </ul>
          {preview.items.length >= shown && (
            <Button onClick={() => setShown(shown + PREVIEW_STEP)}>
              {t('org.events.recurrence.more')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
