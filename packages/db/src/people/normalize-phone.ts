import { invalidField } from '@rota/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number in E.164 (`+8613812345678`); numbers without a country code are read as
 * Chinese. An invalid number is a 400 `validation_failed` on `phone`.
 *
 * @example normalizePhone('138 1234 5678') // '+8613812345678'
 */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (phone === undefined || phone === null || phone.trim() === '') return null;
  const parsed = parsePhoneNumberFromString(phone, 'CN');
  if (parsed === undefined || !parsed.isValid()) {
    throw invalidField('phone', 'is not a valid phone number');
  }
  return parsed.number;
}
