import type { Trx } from '../../platform/db/index.js';
import { fieldError } from '../../platform/errors.js';
import { loadCalendar } from '../calendar/index.js';
import { type ClockResult, feePaymentDeadline } from './application.clock.js';
import { type ActionInput, type Applied, dayField } from './application.input.js';
import * as repo from './application.repository.js';
import type { WorkflowConfig } from './application.service.js';
import { FeeInputError, type FeeQuote, pieceFee, volumeFee } from './fee.rules.js';

/**
 * 109号: the fee of this application by one method (never both, 第三条), per piece counted with the
 * applicant's earlier applications of the month (第四条), sent within the reply period (B8); the
 * applicant pays within 20 working days from the day after receiving it (B9). The window is a pause of
 * kind 'fee', which stops the clock only under APPLICATION_FEE_CLOCK=exclude.
 */
export async function feeNotice(
  trx: Trx,
  config: WorkflowConfig,
  app: repo.ApplicationRow,
  input: ActionInput,
  today: string,
  clock: ClockResult | null,
): Promise<Applied> {
  const on = dayField('on', '收到收费通知之日', input.on ?? today, today);
  if (clock?.dueDate && on > clock.dueDate)
    throw fieldError('on', `收费通知应在答复期限（${clock.dueDate}）内发出`);
  let quote: FeeQuote;
  let pieces: number | null = null;
  let pages: number | null = null;
  let already = 0;
  try {
    if (input.method === 'piece') {
      pieces = input.pieces ?? 1;
      already = await repo.piecesBefore(trx, app);
      quote = pieceFee(pieces, already);
    } else if (input.method === 'volume') {
      if (!input.pages) throw fieldError('pages', '页数：按量计收时必填');
      pages = input.pages;
      quote = volumeFee(pages);
    } else throw fieldError('method', '计收方式：请选择按件计收或按量计收（只能选择一种，109号第三条）');
  } catch (e) {
    if (e instanceof FeeInputError) throw fieldError(e.field === 'pages' ? 'pages' : 'pieces', e.message);
    throw e;
  }
  if (quote.amount === 0)
    throw fieldError(
      input.method === 'piece' ? 'pieces' : 'pages',
      '按所选方式计算应收 0 元，无需发出收费通知',
    );
  const cal = await loadCalendar(trx, config.calendarRegion);
  const dueOn = feePaymentDeadline(cal, on).date;
  await repo.insertPause(trx, {
    application_id: app.id,
    kind: 'fee',
    from_on: on,
    to_on: null,
    label: `收费通知 ${quote.amount} 元`,
    window_end_on: dueOn,
  });
  return {
    set: {
      fee_method: input.method,
      fee_pieces: pieces,
      fee_pages: pages,
      fee_amount: quote.amount,
      fee_notice_on: on,
      fee_due_on: dueOn,
    },
    data: {
      method: input.method,
      pieces,
      pages,
      already,
      amount: quote.amount,
      breakdown: quote.breakdown,
      noticeOn: on,
      dueOn,
    },
  };
}
