import type { FieldError } from '../errors/rota-error.ts';
import { RotaError } from '../errors/rota-error.ts';
import { ruleStartProblem } from '../recurrence/expand-schedule.ts';
import { validateSchedule } from '../recurrence/validate-schedule.ts';
import { templates } from '../templates/templates.ts';
import type {
  Event,
  EventDraft,
  EventInput,
  EventPatch,
  Recurrence,
  SignupWindow,
  Slot,
  SlotInput,
} from './event.ts';
import type { ResourceRequest, ResourceRequestInput } from './resource.ts';

/** The zone of an event that names none: Rota was written for offices in China. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Signup opens at publication and closes when the shift starts. */
const DEFAULT_SIGNUP_WINDOW: SignupWindow = { opensBeforeMinutes: null, closesBeforeMinutes: 0 };

/**
 * Turns a validated POST body into a complete event: merges the template (it fills
 * `durationMinutes` and `slots` when omitted; fields given override it), fills the defaults of
 * API.md, and checks what a schema alone cannot: the schedule (RRULE, zone, local times), every
 * slot inside the occurrence, unique slot keys, `minAge <= maxAge`, `minNeeded <= capacity`.
 * Every problem is collected into one RotaError `validation_failed` whose `errors` carry
 * request paths (`recurrence.rrule`, `slots.1.offsetMinutes`).
 *
 * @example
 * const draft = buildEventDraft({
 *   unitId: 'u1', kind: 'elderly_class', template: 'elderly_class',
 *   title: '老年课堂', start: '2026-12-05T09:00',
 * });
 * draft.timeZone; // 'Asia/Shanghai'
 * draft.slots[0]?.minAge; // 60
 */
export function buildEventDraft(input: EventInput): EventDraft {
  const template = input.template === undefined ? undefined : templates[input.template];
  const errors: FieldError[] = [];
  const durationMinutes = input.durationMinutes ?? template?.durationMinutes;
  if (durationMinutes === undefined) {
    errors.push({ path: 'durationMinutes', message: 'is required when no template is given' });
  }
  const slotInputs = input.slots ?? template?.slots ?? [];
  const draft: EventDraft = {
    unitId: input.unitId,
    kind: input.kind,
    template: input.template ?? null,
    title: input.title,
    description: input.description ?? null,
    location: input.location ?? null,
    timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
    start: input.start,
    durationMinutes: durationMinutes ?? 0,
    recurrence: normalizeRecurrence(input.recurrence),
    signupWindow: input.signupWindow ?? DEFAULT_SIGNUP_WINDOW,
    slots: slotInputs.map((slot) => fillSlot(slot, durationMinutes ?? 0)),
    resources: (input.resources ?? []).map(fillResourceRequest),
    // Only when set: absent means the default reminders.
    ...(input.reminders != null ? { reminders: input.reminders } : {}),
    status: input.status ?? 'draft',
  };
  return checked(draft, errors, durationMinutes !== undefined, true);
}

/**
 * Applies a validated PATCH to an event, with the same checks as {@link buildEventDraft}. The
 * status is unchanged (publish and cancel are their own commands); a cancelled event cannot be
 * edited (`invalid_state`). Slots given replace the event's slots; slots not given keep theirs,
 * so shortening `durationMinutes` may put a slot outside the occurrence (`slots.N.offsetMinutes`).
 *
 * @example
 * const edited = applyEventPatch(event, { title: '老年课堂（第二期）', durationMinutes: 120 });
 */
export function applyEventPatch(event: Event, patch: EventPatch): EventDraft {
  if (event.status === 'cancelled') {
    throw new RotaError('invalid_state', 'A cancelled event cannot be edited');
  }
  const durationMinutes = patch.durationMinutes ?? event.durationMinutes;
  const draft: EventDraft = {
    unitId: event.unitId,
    kind: patch.kind ?? event.kind,
    template: event.template,
    title: patch.title ?? event.title,
    description: patch.description === undefined ? event.description : patch.description,
    location: patch.location === undefined ? event.location : patch.location,
    timeZone: patch.timeZone ?? event.timeZone,
    start: patch.start ?? event.start,
    durationMinutes,
    recurrence:
      patch.recurrence === undefined ? event.recurrence : normalizeRecurrence(patch.recurrence),
    signupWindow: patch.signupWindow ?? event.signupWindow,
    slots: patch.slots?.map((slot) => fillSlot(slot, durationMinutes)) ?? event.slots,
    resources: patch.resources?.map(fillResourceRequest) ?? event.resources,
    ...remindersOf(patch.reminders === undefined ? event.reminders : patch.reminders),
    status: event.status,
  };
  // Only a changed schedule is held to the start rule: events stored before it still edit.
  return checked(draft, [], true, patch.start !== undefined || patch.recurrence !== undefined);
}

function normalizeRecurrence(recurrence: Recurrence | null | undefined): EventDraft['recurrence'] {
  if (recurrence === undefined || recurrence === null) return null;
  return {
    rrule: recurrence.rrule ?? null,
    exdates: recurrence.exdates ?? [],
    rdates: recurrence.rdates ?? [],
  };
}

/** A slot with the defaults of API.md; `durationMinutes` defaults to the event's. */
function fillSlot(slot: SlotInput, eventDurationMinutes: number): Slot {
  return {
    key: slot.key,
    name: slot.name,
    role: slot.role,
    capacity: slot.capacity,
    minNeeded: slot.minNeeded ?? 0,
    offsetMinutes: slot.offsetMinutes ?? 0,
    durationMinutes: slot.durationMinutes ?? eventDurationMinutes,
    repeatEveryMinutes: slot.repeatEveryMinutes ?? null,
    maxPartySize: slot.maxPartySize ?? 1,
    minAge: slot.minAge ?? null,
    maxAge: slot.maxAge ?? null,
    companionMinAge: slot.companionMinAge ?? null,
    companionMaxAge: slot.companionMaxAge ?? null,
    requiredTags: [...(slot.requiredTags ?? [])],
    waitlist: slot.waitlist ?? true,
    // Appointments (an attendee slot that repeats) are one per person unless said otherwise.
    onePerPerson:
      slot.onePerPerson ?? (slot.role === 'attendee' && (slot.repeatEveryMinutes ?? null) !== null),
  };
}

/** A resource request with its defaults: from the occurrence's start to its end. */
function fillResourceRequest(request: ResourceRequestInput): ResourceRequest {
  return {
    resourceId: request.resourceId,
    quantity: request.quantity,
    offsetMinutes: request.offsetMinutes ?? 0,
    durationMinutes: request.durationMinutes ?? null,
  };
}

/** Runs the cross-field checks; throws them all at once, or returns the draft. */
function checked(
  draft: EventDraft,
  errors: FieldError[],
  hasDuration: boolean,
  checkRuleStart: boolean,
): EventDraft {
  const schedule = {
    start: draft.start,
    timeZone: draft.timeZone,
    durationMinutes: hasDuration ? draft.durationMinutes : 1,
    rrule: draft.recurrence?.rrule ?? null,
    exdates: draft.recurrence?.exdates ?? [],
    rdates: draft.recurrence?.rdates ?? [],
  };
  const scheduleErrors = validateSchedule(schedule);
  if (scheduleErrors.length === 0 && checkRuleStart) {
    const problem = ruleStartProblem(schedule);
    if (problem !== null) scheduleErrors.push({ path: 'start', message: problem });
  }
  for (const error of scheduleErrors) {
    // The schedule names its own fields; the request nests the recurrence ones.
    const nested = /^(rrule|exdates|rdates)(\.|$)/.test(error.path);
    errors.push({ ...error, path: nested ? `recurrence.${error.path}` : error.path });
  }
  if (draft.slots.length === 0) {
    errors.push({ path: 'slots', message: 'an event needs at least one slot' });
  }
  const seenKeys = new Set<string>();
  draft.slots.forEach((slot, i) => {
    if (seenKeys.has(slot.key)) {
      errors.push({ path: `slots.${i}.key`, message: `duplicate slot key "${slot.key}"` });
    }
    seenKeys.add(slot.key);
    // A repeating slot's first repeat must fit; later repeats stop at the occurrence's end.
    if (hasDuration && slot.offsetMinutes + slot.durationMinutes > draft.durationMinutes) {
      errors.push({
        path: `slots.${i}.offsetMinutes`,
        message: `the slot ends after the occurrence (offset ${slot.offsetMinutes} + duration ${slot.durationMinutes} > ${draft.durationMinutes} minutes)`,
      });
    }
    if (slot.minAge !== null && slot.maxAge !== null && slot.maxAge < slot.minAge) {
      errors.push({
        path: `slots.${i}.maxAge`,
        message: `must be at least minAge (${slot.minAge})`,
      });
    }
    if (
      slot.companionMinAge !== null &&
      slot.companionMaxAge !== null &&
      slot.companionMaxAge < slot.companionMinAge
    ) {
      errors.push({
        path: `slots.${i}.companionMaxAge`,
        message: `must be at least companionMinAge (${slot.companionMinAge})`,
      });
    }
    if (slot.minNeeded > slot.capacity) {
      errors.push({
        path: `slots.${i}.minNeeded`,
        message: `must not exceed capacity (${slot.capacity})`,
      });
    }
  });
  const seenResources = new Set<string>();
  draft.resources.forEach((request, i) => {
    if (seenResources.has(request.resourceId)) {
      errors.push({
        path: `resources.${i}.resourceId`,
        message: `resource ${request.resourceId} is asked for twice`,
      });
    }
    seenResources.add(request.resourceId);
    const length = request.durationMinutes ?? draft.durationMinutes - request.offsetMinutes;
    if (hasDuration && (length < 1 || request.offsetMinutes + length > draft.durationMinutes)) {
      errors.push({
        path: `resources.${i}.offsetMinutes`,
        message: `the booking must lie inside the occurrence (offset ${request.offsetMinutes} + duration ${length} > ${draft.durationMinutes} minutes)`,
      });
    }
  });
  if (errors.length > 0) {
    const detail = errors.map((error) => `${error.path}: ${error.message}`).join('; ');
    throw new RotaError('validation_failed', detail, { errors });
  }
  return draft;
}

/** `{ reminders }` when set, else nothing (absent means the default reminders). */
function remindersOf(reminders: Event['reminders']): Pick<Event, 'reminders'> {
  return reminders != null ? { reminders } : {};
}
