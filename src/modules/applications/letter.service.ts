import { AppError } from '../../platform/errors.js';
import { readSetting, siteProfile } from '../../platform/settings/settings.js';
import { todayCst } from '../../platform/time.js';
import * as repo from './application.repository.js';
import type { WorkflowDeps } from './application.service.js';
import type { FeeQuote } from './fee.rules.js';
import type { Channel, Delivery, FormWanted } from './intake.rules.js';
import { renderLetterDocx } from './letter.docx.js';
import {
  type LetterContent,
  type LetterData,
  type LetterKind,
  type LetterTemplates,
  letterContent,
} from './letter.rules.js';
import { isReplyType } from './reply.rules.js';

/** Settings keys: who hears reconsiderations (named in every reply), and admins' template overrides. */
export const RECONSIDERATION_SETTING = 'applications.reconsiderationAgencies';
export const TEMPLATES_SETTING = 'applications.letterTemplates';

type EventData = Record<string, unknown>;

/**
 * Which letters an application has, from the events that produced them: the receipt once received,
 * the supplementation notice, the extension notice, the consultation letter, the fee notice and the
 * reply (once a reply type is drafted).
 */
export async function availableLetters(deps: WorkflowDeps, id: number): Promise<LetterKind[]> {
  const app = await repo.findApplication(deps.db, id);
  if (!app) return [];
  const actions = new Set((await repo.listEvents(deps.db, id)).map((e) => e.action));
  const kinds: LetterKind[] = [];
  if (app.received_on) kinds.push('receipt');
  if (actions.has('request_supplement')) kinds.push('supplement');
  if (actions.has('extend')) kinds.push('extension');
  if (actions.has('start_consultation')) kinds.push('consultation');
  if (actions.has('issue_fee_notice')) kinds.push('fee_notice');
  if (app.reply_type) kinds.push('reply');
  return kinds;
}

/** The letter of one kind for an application, built from its record and events (latest of each). */
export async function applicationLetter(
  deps: WorkflowDeps,
  id: number,
  kind: LetterKind,
): Promise<{ content: LetterContent; docx: Buffer; filename: string }> {
  const app = await repo.findApplication(deps.db, id);
  if (!app) throw new AppError('NOT_FOUND', { message: '申请不存在' });
  if (!(await availableLetters(deps, id)).includes(kind))
    throw new AppError('NOT_FOUND', { message: '该申请尚无此类文书' });
  const events = await repo.listEvents(deps.db, id);
  const last = (action: string) => {
    const e = events.filter((x) => x.action === action).at(-1);
    return { event: e, data: (e?.data ? JSON.parse(e.data) : {}) as EventData };
  };
  const site = await siteProfile(deps.db);
  const agencies = (await readSetting(deps.db, RECONSIDERATION_SETTING))
    ?.split(/[，,、\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const templatesRaw = await readSetting(deps.db, TEMPLATES_SETTING);
  const templates = templatesRaw ? (JSON.parse(templatesRaw) as LetterTemplates) : undefined;
  const year = (app.received_on ?? todayCst()).slice(0, 4);
  const data: LetterData = {
    agencyName: site.sponsor,
    referenceNo: `依申请公开〔${year}〕${app.id}号`,
    letterDate: deps.today ?? todayCst(),
    applicantName: app.applicant_label,
    trackingCode: app.tracking_code,
    subject: app.subject,
    receivedOn: app.received_on ?? app.submitted_at.slice(0, 10),
    dueOn: app.due_on ?? undefined,
    // The government of the same level hears reconsiderations of its departments (行政复议法 2023
    // 第二十四条); the name is a setting because it differs per city.
    reconsiderationAgencies: agencies?.length ? agencies : ['本级人民政府'],
  };
  if (kind === 'receipt')
    data.receipt = {
      channel: app.channel as Channel,
      formWanted: app.form_wanted as FormWanted,
      delivery: app.delivery as Delivery,
    };
  if (kind === 'supplement') {
    const { event, data: d } = last('request_supplement');
    data.letterDate = event!.at.slice(0, 10);
    data.supplement = { items: String(d.items).split('\n').filter(Boolean), deadline: String(d.dueOn) };
  }
  if (kind === 'extension') {
    const { event, data: d } = last('extend');
    // The notice is dated when the extension was decided, which is on or before the old due date.
    data.letterDate = [event!.at.slice(0, 10), String(d.previousDue)].sort()[0]!;
    data.dueOn = String(d.previousDue);
    data.extension = {
      days: Number(d.days),
      newDueOn: app.due_on ?? String(d.previousDue),
      reason: event!.reason ?? '',
    };
  }
  if (kind === 'consultation') {
    const { data: d } = last('start_consultation');
    data.letterDate = String(d.sentOn);
    data.consultation = {
      party: String(d.party),
      partyKind: d.partyKind === 'agency' ? 'agency' : 'third_party',
      windowEnd: String(d.windowEnd),
    };
  }
  if (kind === 'fee_notice') {
    const { data: d } = last('issue_fee_notice');
    data.letterDate = String(d.noticeOn);
    data.fee = {
      method: d.method as 'piece' | 'volume',
      quote: { amount: Number(d.amount), breakdown: d.breakdown as FeeQuote['breakdown'] },
    };
  }
  if (kind === 'reply') {
    if (!app.reply_type || !isReplyType(app.reply_type))
      throw new AppError('NOT_FOUND', { message: '该申请尚无答复类型' });
    const draft = last('submit_draft');
    const body = typeof draft.data.body === 'string' ? draft.data.body : (draft.event?.reason ?? undefined);
    data.letterDate = app.replied_on ?? data.letterDate;
    data.reply = { type: app.reply_type, body, extra: body };
  }
  const content = letterContent(kind, data, { templates });
  const docx = await renderLetterDocx(content);
  return { content, docx, filename: `${app.tracking_code}-${kind}.docx` };
}
