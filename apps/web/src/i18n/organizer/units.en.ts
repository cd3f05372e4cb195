// Units: the tree of the organizer's subtree (same keys as units.zh-CN.ts).
import type { UnitsMessages } from './units.zh-CN.ts';

export const unitsEn: UnitsMessages = {
  title: 'Units',
  intro:
    'The units you manage and every unit below them. Choose a unit to add a unit below it or to create an organizer sign-in link for it.',
  tree: 'Unit tree',
  empty: 'No units.',
  selected: 'Selected unit',
  chooseOne: 'Choose a unit in the tree.',
  kind: 'Kind',
  parent: 'Parent unit',
  children: 'Units below',
  childCount: '{{count}}',
  addChild: 'Add a unit below',
  addChildOf: 'Add a unit below {{name}}',
  organizerLink: 'Organizer sign-in link',
  organizerLinkOf: 'Create an organizer sign-in link for {{name}}',
  people: 'See people',
  kinds: {
    district: 'District',
    subdistrict: 'Subdistrict',
    community: 'Community',
    grid: 'Grid',
    organization: 'Organization',
  },
  form: {
    name: 'Name',
    kind: 'Kind',
    save: 'Add',
    cancel: 'Cancel',
    required: 'Please enter the {{field}}',
    created: '{{name}} added',
  },
};
