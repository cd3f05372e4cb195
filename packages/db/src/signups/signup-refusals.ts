import { RotaError } from '@rota/core';

// The refusals both signup paths (per command and the group-commit batch) give before core
// decides, worded once.

export function shiftNotFound(shiftId: string): RotaError {
  return new RotaError('not_found', `Shift ${shiftId} does not exist`);
}

export function personNotFound(personId: string): RotaError {
  return new RotaError('not_found', `Person ${personId} does not exist`);
}
