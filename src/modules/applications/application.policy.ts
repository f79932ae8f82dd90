import { type Actor, can } from '../../platform/actor.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';

/**
 * Who sees an applicant's personal data in full (identity, contact details, attached files): the
 * 公开办 always; a handler only for applications assigned to their own division or branch. Everyone
 * else who reads applications sees them masked.
 */
export function mayViewPersonalData(actor: Actor, orgId: number | null): boolean {
  return can(actor, P.intake) || (can(actor, P.handle) && orgId !== null && orgId === actor.orgId);
}
