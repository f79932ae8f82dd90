import type { Actor } from '../actor.js';
import { sm3 } from '../crypto.js';
import { type Executor, inTransaction, markContentChanged, nowIso } from '../db/index.js';
import type { AuditRow } from '../db/schema.js';
import * as repo from './audit.repository.js';

export const GENESIS_HASH = '0'.repeat(64);

/** Fields never put into a digest or detail: secrets must not leak into the audit trail. */
const SECRET_KEYS = new Set(['password', 'password_hash', 'csrf_token', 'token', 'phone_enc']);

/** Canonical JSON: keys sorted at every level, so equal objects give equal digests. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([k, v]) => v !== undefined && !SECRET_KEYS.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function digest(value: unknown): string | null {
  return value === undefined || value === null ? null : sm3(canonicalJson(value));
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string | number;
  before?: unknown;
  after?: unknown;
  /** Small, non-secret context shown in the viewer (e.g. which fields changed). */
  detail?: Record<string, unknown>;
}

type ChainFields = Omit<AuditRow, 'id' | 'hash'>;

/** The hash covers every column but id and hash itself, chained to the previous record. */
export function rowHash(r: ChainFields): string {
  return sm3(
    canonicalJson({
      seq: r.seq,
      at: r.at,
      actor_id: r.actor_id,
      actor_name: r.actor_name,
      actor_role: r.actor_role,
      ip: r.ip,
      action: r.action,
      target_type: r.target_type,
      target_id: r.target_id,
      before_digest: r.before_digest,
      after_digest: r.after_digest,
      detail: r.detail,
      prev_hash: r.prev_hash,
    }),
  );
}

/** The entry's detail; a write made with an API token also names the token. */
function detailOf(actor: Actor, entry: AuditEntry): string | null {
  const detail = actor.apiTokenId ? { ...entry.detail, apiTokenId: actor.apiTokenId } : entry.detail;
  return detail ? canonicalJson(detail) : null;
}

/**
 * Append one record to the SM3 hash chain. Call it inside the transaction that makes the change,
 * so the change and its record land together or not at all.
 */
export async function recordAudit(db: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await inTransaction(db, async (trx) => {
    const head = await repo.lockHead(trx);
    const fields: ChainFields = {
      seq: head.seq + 1,
      at: nowIso(),
      actor_id: actor.userId,
      actor_name: actor.username ? `${actor.name}(${actor.username})` : actor.name,
      actor_role: actor.roles.join(',') || '-',
      ip: actor.ip,
      action: entry.action,
      target_type: entry.targetType,
      target_id: String(entry.targetId),
      before_digest: digest(entry.before),
      after_digest: digest(entry.after),
      detail: detailOf(actor, entry),
      prev_hash: head.hash,
    };
    await repo.insertRow(trx, { ...fields, hash: rowHash(fields) });
    markContentChanged(trx);
  });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  broken?: { seq: number; id: number | null; reason: string };
}

/**
 * Walk the chain from the genesis hash. Reports the first record that was altered, removed or
 * inserted out of order, and a truncated tail (the head row remembers the last hash).
 */
export async function verifyAuditChain(
  db: Executor,
  onProgress?: (checked: number, total: number) => void,
): Promise<VerifyResult> {
  const total = await repo.countRows(db);
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await repo.rowsAfter(db, expectedSeq - 1, 1000);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== expectedSeq)
        return {
          ok: false,
          checked,
          broken: { seq: expectedSeq, id: null, reason: `第 ${expectedSeq} 条记录缺失（被删除）` },
        };
      if (r.prev_hash !== prevHash)
        return {
          ok: false,
          checked,
          broken: { seq: r.seq, id: r.id, reason: '前序哈希不匹配：上一条记录被篡改或删除' },
        };
      if (rowHash(r) !== r.hash)
        return {
          ok: false,
          checked,
          broken: { seq: r.seq, id: r.id, reason: '记录内容与其 SM3 哈希不符：该记录被篡改' },
        };
      prevHash = r.hash;
      expectedSeq += 1;
      checked += 1;
    }
    onProgress?.(checked, total);
  }
  const h = await repo.head(db);
  if (h && (h.seq !== expectedSeq - 1 || h.hash !== prevHash))
    return {
      ok: false,
      checked,
      broken: {
        seq: expectedSeq,
        id: null,
        reason: `链尾记录缺失：应有 ${h.seq} 条，实有 ${expectedSeq - 1} 条`,
      },
    };
  return { ok: true, checked };
}

export const searchAudit = repo.search;
export const searchAuditBefore = repo.searchBefore;
export type { AuditFilter } from './audit.repository.js';
