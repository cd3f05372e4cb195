/**
 * @rota/core: Rota's scheduling domain. Pure TypeScript: no I/O, no clock ("now" is an
 * argument). The API and other apps import it by name: `import { expandSchedule } from '@rota/core'`.
 */
export { type ErrorCode, errorCatalog } from './errors/error-catalog.ts';
export { type FieldError, invalidField, isRotaError, RotaError } from './errors/rota-error.ts';
export { errorTitlesZh } from './i18n/error-titles.ts';
export { type Locale, locales, pickLocale } from './i18n/locale.ts';
export { errorTitle, localizeError, localizeMessage } from './i18n/localize-error.ts';
export { exactZh, messageZh, rosterHeadersZh } from './i18n/messages-zh.ts';
export { renderEventCalendar, renderPersonCalendar } from './ical/render-calendars.ts';
export { applyEventPatch, buildEventDraft } from './model/build-event.ts';
export {
  type Event,
  type EventDraft,
  type EventInput,
  type EventKind,
  type EventPatch,
  type EventStatus,
  eventInputSchema,
  eventKinds,
  eventPatchSchema,
  eventStatuses,
  type Location,
  locationSchema,
  type OccurrencePatch,
  type OccurrenceStatus,
  occurrencePatchSchema,
  occurrenceStatuses,
  type Recurrence,
  recurrenceSchema,
  type SignupWindow,
  type Slot,
  type SlotInput,
  type SlotRole,
  signupWindowSchema,
  slotInputSchema,
  slotRoles,
} from './model/event.ts';
export type { Page } from './model/page.ts';
export {
  futureBirthDates,
  type Person,
  type PersonInput,
  type PersonPatch,
  personInputSchema,
  personPatchSchema,
  personSchema,
} from './model/person.ts';
export {
  dateSchema,
  descriptionSchema,
  idSchema,
  instantSchema,
  isValidLocalDateTime,
  isValidTimeZone,
  localDateTimeSchema,
  nameSchema,
  noteSchema,
  tagSchema,
  timeZoneSchema,
} from './model/primitives.ts';
export {
  type AvailabilityInterval,
  type Booking,
  type BookingInTheWay,
  type Resource,
  type ResourceConflict,
  type ResourceHolder,
  type ResourceInput,
  type ResourcePatch,
  type ResourceRequest,
  type ResourceRequestInput,
  resourceInputSchema,
  resourceKindSchema,
  resourcePatchSchema,
  resourceRequestInputSchema,
} from './model/resource.ts';
export { type Occurrence, type Shift, type ShiftStatus, shiftStatuses } from './model/shift.ts';
export {
  type AttendanceStep,
  attendanceSchema,
  attendanceSteps,
  type CancelReason,
  type Companion,
  cancelReasons,
  companionSchema,
  type Hours,
  type RosterEntry,
  type Signup,
  type SignupInput,
  type SignupStatus,
  type SignupWithShift,
  signupInputSchema,
  signupStatuses,
} from './model/signup.ts';
export {
  assertStorableText,
  isStorableText,
  STORABLE_TEXT_MESSAGE,
  storableText,
  unstorableText,
} from './model/storable-text.ts';
export {
  type Unit,
  type UnitInput,
  type UnitKind,
  unitInputSchema,
  unitKinds,
  unitSchema,
} from './model/unit.ts';
export {
  defaultReminderSettings,
  type NotificationChannel,
  type NotificationLanguage,
  type NotificationPreferences,
  type NotificationPreferencesPatch,
  type NotificationType,
  notificationChannels,
  notificationLanguages,
  notificationPreferencesSchema,
  notificationTypes,
  type ReminderSettings,
  reminderSettingsSchema,
} from './notifications/notification-types.ts';
export {
  type DispatchPace,
  type DispatchPaceSettings,
  defaultDispatchPace,
  type OutboxLook,
  paceDispatch,
} from './notifications/pace-dispatch.ts';
export { type PlannedReminder, planReminders } from './notifications/plan-reminders.ts';
export { smsSendAt } from './notifications/quiet-hours.ts';
export {
  formatNoticeTime,
  type NoticeContext,
  type PersonNoticeType,
  personNoticeTypes,
  renderNotice,
} from './notifications/render-notice.ts';
export type { Actor, UnitPath } from './permissions/actor.ts';
export { canActInUnit } from './permissions/can-act-in-unit.ts';
export {
  isSelf,
  mayActForPerson,
  mayCreateUnit,
  mayListDrafts,
  mayManageToken,
  mayOrganizeUnit,
  mayReadContactDetails,
  maySeeEvent,
} from './permissions/policy.ts';
export { expandSchedule } from './recurrence/expand-schedule.ts';
export type { Schedule, ScheduledOccurrence } from './recurrence/schedule.ts';
export { validateSchedule } from './recurrence/validate-schedule.ts';
export { formatInstant, instantToLocal, localToInstant } from './recurrence/zoned-time.ts';
export {
  type BusyPeriod,
  decideMovedSignups,
  type MovedSignupsDecision,
  type ShiftMove,
  type SignupOnMovedShift,
} from './replan/decide-moved-signups.ts';
export {
  diffEditEffects,
  type EditEffects,
  type EditSnapshot,
} from './replan/edit-effects.ts';
export {
  type ExistingOccurrence,
  type ExistingShift,
  type ExistingShiftCore,
  normalizeLocal,
  type OccurrenceTimes,
  occurrenceAt,
  planOccurrenceShifts,
  planReplan,
  type ReplanInput,
  type ReplanPlan,
  type SettingsCompared,
  type ShiftPlan,
  type ShiftSettings,
  type ShiftUpdate,
} from './replan/plan-replan.ts';
export {
  availabilityIntervals,
  availabilityTimeline,
  type BookedSpan,
  peakBooked,
} from './resources/availability.ts';
export {
  describeBookingsInTheWay,
  describeResourceConflicts,
  type MessageLocale,
} from './resources/describe-conflicts.ts';
export { overlaps } from './shifts/overlaps.ts';
export { type PlannedShift, planShifts } from './shifts/plan-shifts.ts';
export { attendanceNotYet, CLOCK_SKEW_MINUTES } from './signups/check-attendance-now.ts';
export {
  ATTENDANCE_TOLERANCE_MINUTES,
  checkAttendanceTime,
} from './signups/check-attendance-time.ts';
export {
  ageOn,
  checkEligibility,
  type Eligibility,
  type EligibilityRule,
  type IneligibleReason,
} from './signups/check-eligibility.ts';
export {
  decideSignup,
  decisionToError,
  isWalkIn,
  type SignupContext,
  type SignupDecision,
  signupWindowState,
} from './signups/decide-signup.ts';
export {
  cancelReasonFor,
  defaultSeats,
  FEED_FUTURE_DAYS,
  FEED_PAST_DAYS,
  feedWindow,
  hoursWindow,
} from './signups/signup-rules.ts';
export { type Template, templates } from './templates/templates.ts';
export { promoteWaitlist } from './waitlist/promote-waitlist.ts';
