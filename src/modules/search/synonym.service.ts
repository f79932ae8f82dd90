import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { type Db, type Executor, inTransaction, nowIso } from '../../platform/db/index.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { parseTerms } from '../../platform/search/synonyms.js';
import * as repo from './search.repository.js';

/**
 * The search dictionary (同义词组) as administrators edit it. Every change is audited; the audit marks
 * content as changed, so searches use the new dictionary at once, in every process.
 */

export const MAX_TERM = 30;
export const MAX_TERMS = 12;

export interface SynonymInput {
  terms: string;
  note: string | null;
}

function assertCan(actor: Actor) {
  if (!can(actor, 'search.manage'))
    throw new AppError('FORBIDDEN', { details: { permission: 'search.manage' } });
}

/** The terms of a group as stored: checked, de-duplicated, joined by commas. */
export function checkTerms(raw: string): string {
  const terms = parseTerms(raw);
  if (terms.length < 2) throw fieldError('terms', '同义词：至少填写两个词语，用逗号或顿号分隔');
  if (terms.length > MAX_TERMS) throw fieldError('terms', `同义词：每组最多 ${MAX_TERMS} 个词语`);
  const long = terms.find((t) => [...t].length > MAX_TERM);
  if (long) throw fieldError('terms', `同义词：“${long.slice(0, 10)}…”超过 ${MAX_TERM} 个字符`);
  return terms.join(',');
}

export const listSynonyms = repo.listSynonyms;

export async function getSynonym(db: Executor, id: number) {
  const row = await repo.findSynonym(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function createSynonym(db: Db, actor: Actor, input: SynonymInput): Promise<number> {
  assertCan(actor);
  const terms = checkTerms(input.terms);
  const at = nowIso();
  return inTransaction(db, async (trx) => {
    const id = await repo.insertSynonym(trx, { terms, note: input.note ?? '', created_at: at });
    await recordAudit(trx, actor, {
      action: 'search.synonym_created',
      targetType: 'search_synonym',
      targetId: id,
      after: { terms, note: input.note ?? '' },
    });
    return id;
  });
}

export async function updateSynonym(db: Db, actor: Actor, id: number, input: SynonymInput): Promise<void> {
  assertCan(actor);
  const before = await getSynonym(db, id);
  const terms = checkTerms(input.terms);
  await inTransaction(db, async (trx) => {
    await repo.updateSynonym(trx, id, { terms, note: input.note ?? '', updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'search.synonym_updated',
      targetType: 'search_synonym',
      targetId: id,
      before: { terms: before.terms, note: before.note },
      after: { terms, note: input.note ?? '' },
    });
  });
}

export async function deleteSynonym(db: Db, actor: Actor, id: number): Promise<void> {
  assertCan(actor);
  const before = await getSynonym(db, id);
  await inTransaction(db, async (trx) => {
    await repo.deleteSynonym(trx, id);
    await recordAudit(trx, actor, {
      action: 'search.synonym_deleted',
      targetType: 'search_synonym',
      targetId: id,
      before: { terms: before.terms, note: before.note },
    });
  });
}
