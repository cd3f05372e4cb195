import type { Schemas } from '@rota/client';
import { checkEligibility } from '@rota/core';
import { shiftDate } from '../format/shift-time.ts';

/** Why the signed-in person cannot take a shift alone, or undefined when they can. */
export interface NotEligible {
  reason: string;
  min: number | null;
  max: number | null;
  tags: string[];
}

/**
 * The server's own rule (core's checkEligibility; core has no side effects, so the bundle
 * keeps only that function), applied to the person
 * alone on the shift's local date, so that each card can say why not before anyone tries.
 */
export function whyNotEligible(
  shift: Pick<Schemas['Shift'], 'minAge' | 'maxAge' | 'requiredTags' | 'maxPartySize' | 'start'>,
  person: { birthDate: string | null; tags: string[] },
): NotEligible | undefined {
  const result = checkEligibility(
    {
      minAge: shift.minAge,
      maxAge: shift.maxAge,
      companionMinAge: null,
      companionMaxAge: null,
      requiredTags: shift.requiredTags,
      maxPartySize: shift.maxPartySize,
    },
    person,
    { seats: 1, companions: [] },
    shiftDate(shift.start),
  );
  if (result.ok) return undefined;
  return {
    reason: result.reason,
    min: shift.minAge,
    max: shift.maxAge,
    tags: shift.requiredTags.filter((tag) => !person.tags.includes(tag)),
  };
}
