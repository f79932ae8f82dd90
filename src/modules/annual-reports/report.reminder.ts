import type { Config } from '../../config.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { todayCst } from '../../platform/time.js';
import { staffAddresses } from '../accounts/index.js';
import * as repo from './report.repository.js';
import { REPORT_PERMISSIONS as P, REPORT_STATUS_LABELS } from './report.service.js';

/**
 * 条例第四十九条: last year's report is published by 31 January. From 1 January until it is published
 * the console shows where it stands; after 31 January it is an alarm. The job e-mails those who
 * prepare and review it (staff with a work address): once when the period opens, once in its last
 * week, and once when it has passed.
 */
export interface ReportDue {
  year: number;
  /** open: 1–23 January; closing: 24–31 January; overdue: from 1 February. */
  phase: 'open' | 'closing' | 'overdue';
  status: string | null;
  text: string;
}

export async function reportDue(db: Executor, today = todayCst()): Promise<ReportDue | null> {
  const year = Number(today.slice(0, 4)) - 1;
  const row = await repo.findReport(db, year);
  if (row?.status === 'published') return null;
  const md = today.slice(5);
  const phase = md > '01-31' ? 'overdue' : md >= '01-24' ? 'closing' : 'open';
  // Before February nobody is late; the reminder period is January (and any later month until published).
  const state = row ? `当前状态：${REPORT_STATUS_LABELS[row.status] ?? row.status}` : '尚未开始编制';
  const text =
    phase === 'overdue'
      ? `${year} 年度政府信息公开工作年度报告已超过 1 月 31 日的法定公布期限（条例第四十九条），${state}。`
      : `${year} 年度政府信息公开工作年度报告应于 ${year + 1}-01-31 前公布（条例第四十九条），${state}。`;
  return { year, phase, status: row?.status ?? null, text };
}

export async function remindAnnualReport(
  db: Db,
  config: Pick<Config, 'dataKey' | 'oldDataKeys' | 'baseUrl'>,
  today = todayCst(),
) {
  const due = await reportDue(db, today);
  if (!due) return 0;
  const to = await staffAddresses(db, { permissions: [P.edit, P.review] });
  return inTransaction(db, async (trx) => {
    let n = 0;
    for (const address of to)
      if (
        await queueMail(trx, config, {
          dedupeKey: `annual-report:${due.year}:${due.phase}:${address}`,
          to: address,
          subject:
            due.phase === 'overdue' ? `年度报告已逾期：${due.year} 年度` : `年度报告提醒：${due.year} 年度`,
          body: `${due.text}\n请登录管理后台办理：${config.baseUrl}/console/annual-reports`,
        })
      )
        n++;
    return n;
  });
}
