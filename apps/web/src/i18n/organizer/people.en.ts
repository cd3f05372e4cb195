import type { PeopleMessages } from './people.zh-CN.ts';

export const peopleEn: PeopleMessages = {
  title: 'People',
};
