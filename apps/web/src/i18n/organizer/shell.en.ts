import type { ShellMessages } from './shell.zh-CN.ts';

export const shellEn: ShellMessages = {
  menuLabel: 'Organizer menu',
  week: 'This week',
  events: 'Events',
  people: 'People',
  units: 'Units',
  organizerOf: '{{unit}} · organizer',
  admin: 'Administrator',
  placeholder: 'This part is being built; meanwhile it can be done through the API documentation.',
  docs: 'Open the API documentation',
  notFound: 'There is no such page',
  toWeek: 'Back to this week',
  volunteerTitle: 'These are the organizers’ pages',
  volunteerBody: 'You are signed in as a volunteer: sign up for shifts under “Find”.',
  toFind: 'Find a shift',
};
