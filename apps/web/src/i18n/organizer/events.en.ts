import type { EventsMessages } from './events.zh-CN.ts';

export const eventsEn: EventsMessages = {
  title: 'Events',
};
