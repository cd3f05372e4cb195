import * as z from 'zod';

/** Every domain event a webhook can subscribe to (API.md, "Notifications and webhooks"). */
export const notificationTypes = [
  'signup.confirmed',
  'signup.waitlisted',
  'signup.promoted',
  'signup.cancelled',
  'shift.changed',
  'shift.cancelled',
  'occurrence.moved',
  'occurrence.cancelled',
  'event.published',
  'event.changed',
  'event.cancelled',
  'attendance.checked_in',
  'attendance.checked_out',
  'attendance.no_show',
  'attendance.corrected',
  'reminder.due',
  'resource.conflict',
] as const;
export type NotificationType = (typeof notificationTypes)[number];

/** The channels a person can choose; the inbox is always on. */
export const notificationChannels = ['inbox', 'email', 'sms'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export const notificationLanguages = ['zh-CN', 'en'] as const;
export type NotificationLanguage = (typeof notificationLanguages)[number];

/** What a person chose: channels (the inbox always included), language, an email address. */
export interface NotificationPreferences {
  channels: NotificationChannel[];
  language: NotificationLanguage;
  email: string | null;
}

export const notificationPreferencesSchema = z.strictObject({
  channels: z.array(z.enum(notificationChannels)).max(3).optional(),
  language: z.enum(notificationLanguages).optional(),
  email: z.email().max(254).nullable().optional(),
});
export type NotificationPreferencesPatch = z.infer<typeof notificationPreferencesSchema>;

/** An event's reminder lead times: null `dayBeforeAt` turns the day-before reminder off. */
export interface ReminderSettings {
  /** Local time of day `HH:mm` on the day before the shift. */
  dayBeforeAt: string | null;
  /** Hours before the start, each 1-72. */
  hoursBefore: number[];
}

export const defaultReminderSettings: ReminderSettings = { dayBeforeAt: '18:00', hoursBefore: [2] };

export const reminderSettingsSchema = z.strictObject({
  dayBeforeAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm')
    .nullable(),
  hoursBefore: z.array(z.number().int().min(1).max(72)).max(5),
});
