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
 * the shift's local date in the event's zone. Checks, first failure wins: party size, required
 * tags, the person's age (a birth date is required when the slot has an age limit), then each
 * companion's age against the companion range (a birth date is required when one is set).
 *
 * @example
 * const rule = { minAge: 60, maxAge: null, companionMinAge: null, companionMaxAge: null,
 *   requiredTags: [], maxPartySize: 1 };
 * checkEligibility(rule, { birthDate: '1970-05-01', tags: [] }, { seats: 1, companions: [] },
 *   '2026-12-05'); // { ok: false, reason: 'too_young', detail: 'the person must be at least 60 (is 56)' }
 */
export function checkEligibility(
  rule: EligibilityRule,
  person: { birthDate: string | null; tags: readonly string[] },
  party: { seats: number; companions: readonly Companion[] },
  onDate: string,
): Eligibility {
  if (party.seats > rule.maxPartySize) {
    return refuse(
      'party_too_large',
      `a party of ${party.seats} is more than the ${rule.maxPartySize} this slot allows`,
    );
  }
  const missing = rule.requiredTags.filter((tag) => !person.tags.includes(tag));
  if (missing.length > 0) {
    return refuse('missing_tag', `requires the qualification ${missing.join(', ')}`);
  }
  const own = checkAge(rule.minAge, rule.maxAge, person.birthDate, onDate, 'the person');
  if (own !== null) return own;
  for (const [i, companion] of party.companions.entries()) {
    const who = `companion ${i + 1} (${companion.name})`;
    const result = checkAge(
      rule.companionMinAge,
      rule.companionMaxAge,
      companion.birthDate ?? null,
      onDate,
      who,
    );
    if (result === null) continue;
    if (result.reason === 'too_young') return { ...result, reason: 'companion_too_young' };
    if (result.reason === 'too_old') return { ...result, reason: 'companion_too_old' };
    return result;
  }
  return { ok: true };
}

/**
 * Whole years of age on `onDate` (`YYYY-MM-DD`); a 29 February birthday counts on 1 March in
 * a common year.
 *
 * @example
 * ageOn('2008-02-29', '2026-02-28'); // 17
 * ageOn('2008-02-29', '2026-03-01'); // 18
 */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = onDate.split('-').map(Number) as [number, number, number];
  // Comparing (month, day) pairs makes 29 February later than 28 February in every year.
  const beforeBirthday = om < bm || (om === bm && od < bd);
  return oy - by - (beforeBirthday ? 1 : 0);
}

function checkAge(
  minAge: number | null,
  maxAge: number | null,
  birthDate: string | null,
  onDate: string,
  who: string,
): Refusal | null {
  if (minAge === null && maxAge === null) return null;
  if (birthDate === null) {
    return refuse('birth_date_required', `${who} needs a birth date: this slot has an age limit`);
  }
  const age = ageOn(birthDate, onDate);
  if (minAge !== null && age < minAge) {
    return refuse('too_young', `${who} must be at least ${minAge} (is ${age})`);
  }
  if (maxAge !== null && age > maxAge) {
    return refuse('too_old', `${who} must be at most ${maxAge} (is ${age})`);
  }
  return null;
}

type Refusal = Extract<Eligibility, { ok: false }>;

function refuse(reason: IneligibleReason, detail: string): Refusal {
  return { ok: false, reason, detail };
}
