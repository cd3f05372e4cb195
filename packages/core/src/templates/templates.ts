import type { EventKind, SlotInput } from '../model/event.ts';

/** What a template fills in for its kind: defaults and slots. */
export interface Template {
  kind: EventKind;
  name: string;
  description: string;
  durationMinutes: number;
  slots: SlotInput[];
}

/** The template of each kind (data, not code paths). TODO(core helper): fill from USE-CASES. */
export const templates: Record<EventKind, Template> = {} as Record<EventKind, Template>;
