import type { Companion } from '../model/signup.ts';

/** Why a person (or their party) may not take a shift. */
export type IneligibleReason =
  | 'too_young'
  | 'too_old'
  | 'missing_tag'
  | 'party_too_large'
  | 'birth_date_required'
  | 'companion_too_young'
  | 'companion_too_old';

export interface EligibilityRule {
  minAge: number | null;
  maxAge: number | null;
  companionMinAge: number | null;
  companionMaxAge: number | null;
  requiredTags: readonly string[];
  maxPartySize: number;
}

export type Eligibility = { ok: true } | { ok: false; reason: IneligibleReason; detail: string };

/**
 * Whether a person and their companions meet a slot's rule. Ages are computed on `onDate`,
 * the shift's local date in the event's zone. TODO(core helper): implement.
 */
export function checkEligibility(
  _rule: EligibilityRule,
  _person: { birthDate: string | null; tags: readonly string[] },
  _party: { seats: number; companions: readonly Companion[] },
  _onDate: string,
): Eligibility {
  throw new Error('not implemented');
}

/** Whole years of age on `onDate` (`YYYY-MM-DD`); a 29 February birthday counts on 1 March. */
export function ageOn(_birthDate: string, _onDate: string): number {
  throw new Error('not implemented');
}
