import { readFile } from 'node:fs/promises';
import { type Actor, can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { sm3 } from '../../platform/crypto.js';
import { type Db, type Executor, inTransaction, nowIso, type Trx } from '../../platform/db/index.js';
import type { DocColumn, DocumentRow } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { cstToIso } from '../../platform/time.js';
import { importAttachments } from './attachment.import.js';
import { normaliseDocNumber } from './doc-number.js';
import { importFail as fail, type ImportAttachment, type ImportLine } from './document.import-line.js';
import * as repo from './document.repository.js';
import * as imp from './document-import.repository.js';
import { formatIndexNumber, parseIndexNumber, validatePrefix } from './index-number.js';
import { toSafeHtml } from './richtext.js';
import { reindexDocument } from './search.source.js';

/**
 * `gongkai import documents FILE.jsonl` (issue 3): historical publications from another system land
 * as published documents with their original 发布日期 and, when given, their original 索引号. A line
 * lands whole or not at all (its own transaction, or a savepoint in the command's batch); a line is
 * keyed by externalId, so importing again updates the same document (a new revision, 索引号 unchanged)
 * or, when nothing differs, changes nothing. The line format and its checks: document.import-line.ts.
 */

export const OTHER_COLUMN = { code: 'qita', name: '其他' };

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportResult {
  outcome: ImportOutcome;
  documentId: number;
  /** Set when the line's column did not exist and was created under 其他. */
  columnCreated?: string;
}

/**
 * Stores a line's attachments inside the line's transaction, so a failing attachment rolls the
 * whole line back; returns whether the attachments changed. `importFiles` is the real one.
 */
export type AttachHook = (
  trx: Trx,
  actor: Actor,
  documentId: number,
  files: ImportAttachment[],
) => Promise<boolean>;

/** Read each file and store it as an attachment (checked by content, text extracted). */
export const importFiles: AttachHook = async (trx, actor, documentId, files) =>
  importAttachments(
    trx,
    actor,
    documentId,
    await Promise.all(
      files.map(async (f) => ({ name: f.name, altText: f.alt ?? null, data: await readFile(f.file) })),
    ),
  );

/** The system actor of an import run: may publish, recorded as the command line. */
export function importActor(base: Actor): Actor {
  return {
    ...base,
    permissions: new Set([...base.permissions, 'documents.edit', 'documents.publish']),
  };
}

/**
 * Lookups reused by the lines of one import transaction (a batch of lines, see cli/import.ts): the
 * columns (until a line creates one or a line is rolled back) and the publishing organisations.
 */
const lookups = new WeakMap<object, { columns?: DocColumn[]; orgs: Map<string, unknown> }>();

function lookupsOf(trx: Executor) {
  let l = lookups.get(trx);
  if (!l) {
    l = { orgs: new Map() };
    lookups.set(trx, l);
  }
  return l;
}

/** Forget what the lines of this transaction looked up (after a line was rolled back). */
export function forgetImportLookups(trx: Executor): void {
  lookups.delete(trx);
}

async function resolveIssuer(db: Executor, issuer: string | null) {
  const cache = lookupsOf(db).orgs;
  const key = issuer ?? '';
  const hit = cache.get(key) as Awaited<ReturnType<typeof findIssuer>> | undefined;
  if (hit) return hit;
  const found = await findIssuer(db, issuer);
  cache.set(key, found);
  return found;
}

async function findIssuer(db: Executor, issuer: string | null) {
  if (!issuer) {
    const root = await imp.rootOrg(db);
    if (!root) throw fail('issuer', '未填写，且系统中没有默认发布机构');
    return root;
  }
  const found = await imp.orgsNamed(db, issuer);
  if (found.length === 0)
    throw fail('issuer', `机构“${issuer}”不存在（请先在机构管理中建立，或改用已有机构的名称）`);
  if (found.length > 1) throw fail('issuer', `有多个机构名为“${issuer}”，请写全称`);
  return found[0]!;
}

/**
 * A column by code, by path of names (土地供应/出让公告) or by a unique name. An unknown one is
 * created under 其他 (itself created when missing), with the text as given as its name.
 */
async function resolveColumn(
  trx: Trx,
  actor: Actor,
  given: string,
): Promise<{ id: number; created?: string }> {
  const cache = lookupsOf(trx);
  cache.columns ??= await imp.allColumns(trx);
  const columns = cache.columns;
  const byCode = columns.find((c) => c.code === given);
  if (byCode) return { id: byCode.id };
  const segments = given.split('/').map((s) => s.trim());
  if (segments.length > 1 && segments.every(Boolean)) {
    let parent: DocColumn | undefined;
    for (const seg of segments) {
      parent = columns.find(
        (c) => c.parent_id === (parent?.id ?? null) && (c.name === seg || c.code === seg),
      );
      if (!parent) break;
    }
    if (parent) return { id: parent.id };
  } else {
    const named = columns.filter((c) => c.name === given);
    if (named.length === 1) return { id: named[0]!.id };
    if (named.length > 1)
      throw fail('column', `有多个栏目名为“${given}”，请写路径（如 土地供应/出让公告）或栏目代码`);
  }
  const at = nowIso();
  cache.columns = undefined; // a column is created below: the next line reads them again
  let other = columns.find((c) => c.code === OTHER_COLUMN.code);
  if (!other) {
    const id = await repo.insertColumn(trx, {
      parent_id: null,
      code: OTHER_COLUMN.code,
      name: OTHER_COLUMN.name,
      basis: '导入数据中未对应到目录的栏目',
      extra_fields: '[]',
      needs_interpretation: 0,
      hidden: 0,
      sort_order: 10_000,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, actor, {
      action: 'column.created',
      targetType: 'column',
      targetId: id,
      detail: { name: OTHER_COLUMN.name },
    });
    other = { id, parent_id: null } as DocColumn;
  }
  const existing = columns.find((c) => c.parent_id === other.id && c.name === given);
  if (existing) return { id: existing.id };
  const id = await repo.insertColumn(trx, {
    parent_id: other.id,
    code: `qita-${sm3(given).slice(0, 10)}`,
    name: given,
    basis: '导入时新建',
    extra_fields: '[]',
    needs_interpretation: 0,
    hidden: 0,
    sort_order: 10_000,
    created_at: at,
    updated_at: at,
  });
  await recordAudit(trx, actor, {
    action: 'column.created',
    targetType: 'column',
    targetId: id,
    detail: { name: given, parent: OTHER_COLUMN.name, via: 'import' },
  });
  return { id, created: given };
}

/** The document fields a line sets; equal values on re-import mean "unchanged". */
function lineFields(line: ImportLine, columnId: number, publisherId: number) {
  return {
    title: line.title,
    column_id: columnId,
    publisher_org_id: publisherId,
    doc_number: line.docNumber,
    doc_number_norm: line.docNumber ? normaliseDocNumber(line.docNumber) : null,
    topic: line.category,
    genre: line.genre,
    validity: line.validity,
    summary: line.summary,
    body: toSafeHtml(line.body),
    published_at: cstToIso(line.publishedAt),
    formed_on: line.publishedAt,
  } satisfies Partial<DocumentRow>;
}

/** The 索引号 of a new document: the one given (kept, its serial reserved) or the next one. */
async function indexNumberFor(
  trx: Trx,
  line: ImportLine,
  publisher: { name: string; org_code: string | null },
) {
  if (line.indexNo) {
    const parsed = parseIndexNumber(line.indexNo)!;
    if (await imp.findByIndexNo(trx, parsed.indexNumber))
      throw fail('indexNo', `${parsed.indexNumber} 已被其他文件使用`);
    await imp.raiseIndexSerial(trx, parsed.prefix, parsed.year, parsed.serial);
    return parsed.indexNumber;
  }
  const prefix = publisher.org_code ? validatePrefix(publisher.org_code) : null;
  if (!prefix?.ok)
    throw fail(
      'issuer',
      `机构“${publisher.name}”尚未配置有效的索引号前段码，无法编号（或在该行给出 indexNo）`,
    );
  const year = Number(line.publishedAt.slice(0, 4));
  return formatIndexNumber(prefix.normalised, year, await repo.nextIndexSerial(trx, prefix.normalised, year));
}

/**
 * Import one parsed line in one transaction: everything it writes (column, document, revision,
 * event, serial, audit, attachments) lands together or not at all.
 */
export async function importDocument(
  db: Db,
  actor: Actor,
  line: ImportLine & { files?: ImportAttachment[] },
  attach: AttachHook = importFiles,
  options: {
    /**
     * False when the caller re-indexes the imported documents itself, later in the same transaction
     * (a batch of lines: cli/import.ts), instead of one by one.
     */
    reindex?: boolean;
  } = {},
): Promise<ImportResult> {
  const reindex = (trx: Executor, id: number) =>
    options.reindex === false ? undefined : reindexDocument(trx, id);
  if (!can(actor, 'documents.publish'))
    throw new AppError('FORBIDDEN', { message: '导入即发布：执行导入的用户须有“发布”权限' });
  return inTransaction(db, async (trx) => {
    await imp.relaxCommitDurability(trx);
    const publisher = await resolveIssuer(trx, line.issuer);
    const column = await resolveColumn(trx, actor, line.column);
    const set = lineFields(line, column.id, publisher.id);
    const existing = await imp.findByExternalId(trx, line.externalId);
    const at = nowIso();
    if (existing) {
      if (existing.status !== 'published')
        throw fail('externalId', `对应的文件（编号 ${existing.id}）不是已发布状态，不能通过导入更新`);
      if (line.indexNo && parseIndexNumber(line.indexNo)!.indexNumber !== existing.index_no)
        throw fail('indexNo', `与已导入的索引号 ${existing.index_no} 不同；索引号一经赋予不再改变`);
      const changed = Object.entries(set).filter(([k, v]) => existing[k as keyof DocumentRow] !== v);
      const attachmentsChanged = line.files ? await attach(trx, actor, existing.id, line.files) : false;
      if (attachmentsChanged) changed.push(['attachments', null]);
      // The column of an unchanged line already existed, so nothing was created above.
      if (changed.length === 0) return { outcome: 'unchanged', documentId: existing.id };
      const version = existing.version + 1;
      const next = { ...set, version, updated_at: at };
      await repo.updateDocument(trx, existing.id, next);
      const note = '依据原系统数据更新';
      await repo.insertRevision(trx, {
        document_id: existing.id,
        version,
        snapshot: JSON.stringify({ ...existing, ...next }),
        correction_note: note,
        created_by: actor.userId,
        created_at: at,
      });
      await repo.insertEvent(trx, {
        document_id: existing.id,
        from_status: 'published',
        to_status: 'published',
        action: 'import_update',
        reason: note,
        actor_id: actor.userId,
        actor_name: actor.name,
        at,
      });
      await recordAudit(trx, actor, {
        action: 'document.import_updated',
        targetType: 'document',
        targetId: existing.id,
        before: existing,
        after: next,
        detail: { externalId: line.externalId, fields: changed.map(([k]) => k) },
      });
      await reindex(trx, existing.id);
      return {
        outcome: 'updated',
        documentId: existing.id,
        ...(column.created ? { columnCreated: column.created } : {}),
      };
    }
    const indexNo = await indexNumberFor(trx, line, publisher);
    const doc = {
      ...set,
      status: 'published' as const,
      index_no: indexNo,
      joint_issuers: null,
      owner_org_id: null,
      written_on: null,
      effective_on: null,
      keywords: null,
      contact_name: null,
      contact_phone: null,
      scheduled_at: null,
      disclosure_mode: '主动公开',
      validity_changed_on: null,
      validity_reason: null,
      successor_id: null,
      extra: '{}',
      interpretation_exempt_reason: null,
      withdrawn_reason: null,
      external_id: line.externalId,
      version: 1,
      is_sample: 0 as const,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    };
    const id = await repo.insertDocument(trx, doc);
    await repo.insertEvent(trx, {
      document_id: id,
      from_status: null,
      to_status: 'published',
      action: 'import',
      reason: `导入（外部编号 ${line.externalId}）`,
      actor_id: actor.userId,
      actor_name: actor.name,
      at,
    });
    await repo.insertRevision(trx, {
      document_id: id,
      version: 1,
      snapshot: JSON.stringify({ id, ...doc }),
      correction_note: null,
      created_by: actor.userId,
      created_at: at,
    });
    await recordAudit(trx, actor, {
      action: 'document.imported',
      targetType: 'document',
      targetId: id,
      after: { title: line.title, indexNo },
      detail: { externalId: line.externalId, indexNo, publishedAt: line.publishedAt },
    });
    if (line.files?.length) await attach(trx, actor, id, line.files);
    await reindex(trx, id);
    return {
      outcome: 'created',
      documentId: id,
      ...(column.created ? { columnCreated: column.created } : {}),
    };
  });
}
