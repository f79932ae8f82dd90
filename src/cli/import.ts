import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { actorForUsername } from '../modules/accounts/index.js';
import {
  type AttachHook,
  forgetImportLookups,
  type ImportOutcome,
  importActor,
  importDocument,
  OTHER_COLUMN,
  parseImportLine,
  reindexDocuments,
} from '../modules/documents/index.js';
import { type Actor, cliActor } from '../platform/actor.js';
import { type Db, inSavepoint, inTransaction, refreshPlannerStatistics } from '../platform/db/index.js';
import { isAppError } from '../platform/errors.js';

export const IMPORT_HELP = `gongkai import documents <文件.jsonl> [--as <用户名>]

导入主动公开文件（历史数据）。文件每行一个 JSON 对象：
  必填  externalId（外部编号，重复导入时以此识别同一文件）、title、column（栏目代码、名称或路径，
        如 土地供应/出让公告）、publishedAt（发布日期 YYYY-MM-DD）、body（正文）
  可选  issuer（发布机构名称；不填则为机构树顶层的本机关）、docNumber（文号）、indexNo（原索引号，
        原样保留）、category（主题分类）、validity（valid/expired/repealed/revised 或 有效/失效/废止/已修订）、
        summary（内容概述，≤300 字）、attachments（[{"name","path","alt"}]，path 相对于本文件；
        按内容识别类型并提取文字；alt 为图片说明，缺省用文件名；不写 attachments 则不改动已有附件）

每行自成一体（每 200 行提交一次，每行一个保存点）：出错的行（行号与原因）被跳过，不会留下半条记录；
其余行照常导入。
再次导入同一文件不会产生变化；内容有变化的行生成新版本（更正说明“依据原系统数据更新”），索引号不变。
不存在的栏目在“${OTHER_COLUMN.name}”栏目下新建并列出。任何一行失败时以状态 1 退出。

  --as <用户名>   以该用户的身份和权限导入（须有发布权限）；默认以“命令行”系统身份导入并审计`;

interface Summary {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  columns: string[];
}

/** Run an import over the lines of a file; reports go to stderr, the summary to stdout. */
/** Lines between refreshes of the planner statistics during an import. */
const STATISTICS_EVERY = 10_000;
/**
 * Lines per transaction: each line still lands whole or not at all (a savepoint per line), and a
 * commit (with the search index's segment write) serves 200 lines instead of one.
 */
const BATCH_LINES = 200;

export async function importDocumentsFile(
  db: Db,
  file: string,
  options: { as?: string; tty?: boolean; attach?: AttachHook } = {},
): Promise<{ summary: Summary; errors: string[] }> {
  const baseDir = path.dirname(path.resolve(file));
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const actor: Actor = options.as
    ? await actorForUsername(db, options.as)
    : importActor({ ...cliActor(), name: `命令行导入(${process.env.USER ?? 'unknown'})` });
  const summary: Summary = {
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    columns: [],
  };
  const errors: string[] = [];
  const seen = new Map<string, number>();
  const tty = options.tty ?? false;
  const bar = tty
    ? new SingleBar({
        format: '导入 [{bar}] {percentage}% | {value}/{total} 行 | 失败 {failed}',
        hideCursor: true,
        stream: process.stderr,
      })
    : null;
  bar?.start(lines.length, 0, { failed: 0 });
  const report = (lineNo: number, reason: string) => {
    summary.failed += 1;
    const line = `第 ${lineNo} 行：${reason}`;
    errors.push(line);
    if (!tty) console.error(line);
  };
  for (let start = 0; start < lines.length; start += BATCH_LINES) {
    const batch = lines.slice(start, start + BATCH_LINES);
    // Outcomes of the batch's lines count once the batch has committed.
    const outcomes: Array<{ outcome: ImportOutcome; documentId: number; columnCreated?: string }> = [];
    await inTransaction(db, async (trx) => {
      for (const [j, raw] of batch.entries()) {
        const lineNo = start + j + 1;
        try {
          if (!raw.trim()) continue;
          const line = parseImportLine(raw, baseDir);
          const first = seen.get(line.externalId);
          if (first !== undefined) {
            report(lineNo, `外部编号 externalId“${line.externalId}”与第 ${first} 行重复，本行未导入`);
            continue;
          }
          seen.set(line.externalId, lineNo);
          // Each line in a savepoint: a line that fails leaves nothing behind, the others stay.
          const r = await inSavepoint(trx, () =>
            importDocument(trx, actor, line, options.attach, { reindex: false }),
          ).catch((e: unknown) => {
            forgetImportLookups(trx);
            throw e;
          });
          outcomes.push(r);
        } catch (e) {
          if (!isAppError(e) || e.code === 'INTERNAL') throw e;
          report(lineNo, e.fields ? Object.values(e.fields).join('；') : e.message);
        } finally {
          bar?.update(lineNo, { failed: summary.failed });
          if (!tty && lineNo % 1000 === 0) console.error(`已处理 ${lineNo}/${lines.length} 行`);
        }
      }
      // The batch's documents enter the search index together (a savepoint per line would write the
      // full-text index once per line), before the batch commits.
      const changed = outcomes.filter((r) => r.outcome !== 'unchanged').map((r) => r.documentId);
      await reindexDocuments(trx, changed);
    });
    for (const r of outcomes) {
      summary[r.outcome] += 1;
      if (r.columnCreated) summary.columns.push(r.columnCreated);
    }
    // A long import changes the tables' sizes by orders of magnitude: keep the planner's statistics in
    // step, or SQLite may keep planning for the tiny tables it last measured (full scans per line).
    if (Math.floor((start + batch.length) / STATISTICS_EVERY) > Math.floor(start / STATISTICS_EVERY))
      await refreshPlannerStatistics(db);
  }
  bar?.stop();
  if (tty) for (const e of errors) console.error(e);
  return { summary, errors };
}

export function summaryText(s: Summary): string {
  const out = [
    `导入完成：新建 ${s.created}，更新 ${s.updated}，未变 ${s.unchanged}，失败 ${s.failed}，新建栏目 ${s.columns.length}。`,
  ];
  if (s.columns.length)
    out.push(`以下栏目在目录中不存在，已在“${OTHER_COLUMN.name}”下新建：${s.columns.join('、')}`);
  return out.join('\n');
}
