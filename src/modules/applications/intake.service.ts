import { randomInt } from 'node:crypto';
import { type Actor, can } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { cipherOf, hashPassword, hmacSm3 } from '../../platform/crypto.js';
import { type Db, type Executor, inTransaction, nowIso } from '../../platform/db/index.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { todayCst } from '../../platform/time.js';
import { mayViewPersonalData } from './application.policy.js';
import * as repo from './application.repository.js';
import { refreshClock, type WorkflowConfig } from './application.service.js';
import { APPLICATION_PERMISSIONS } from './application.status.js';
import { type FileUpload, type PreparedFile, prepareFiles, storeFiles } from './file.service.js';
import { ID_DOCUMENTS, type IdDocumentType, maskName, requireIdDocument } from './identity.rules.js';
import {
  CHANNEL_RULES,
  type Channel,
  CODE_ALPHABET,
  type Delivery,
  type FormWanted,
  receiptBasis,
} from './intake.rules.js';
import { notifyApplicant } from './notify.service.js';

export type IntakeConfig = WorkflowConfig;

export interface IntakeDeps {
  db: Db;
  config: IntakeConfig;
  today?: string;
}

/** What the applicant gives (条例第二十九条), already parsed by application.schema.ts. */
export interface IntakeInput {
  applicantType: string;
  /** Person's name, or the organisation's name. */
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  /** Organisations: the contact person (optional). */
  contactName?: string | null;
  phone: string;
  email?: string | null;
  address?: string | null;
  postcode?: string | null;
  subject: string;
  docNumber?: string | null;
  description?: string | null;
  formWanted: FormWanted;
  delivery: Delivery;
}

/** The sealed personal data: only handlers of the application ever see it in full. */
export interface PersonalData {
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  contactName: string | null;
  phone: string;
  email: string | null;
  address: string | null;
  postcode: string | null;
}

export interface Receipt {
  id: number;
  trackingCode: string;
  /** Files attached (sealed), by name. */
  files?: string[];
  /** Shown once, in the 回执; stored only as a hash. */
  password: string;
}

const randomCode = (n: number) =>
  Array.from({ length: n }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/**
 * Groups one applicant's requests (monthly fee counts, 条例第三十五条 repeats) without keeping the number
 * in clear: a keyed hash of the document type and the normalised number.
 */
export function applicantKey(dataKey: string, idType: string, idNumber: string): string {
  return hmacSm3(`${dataKey}/applicant`, `${idType}:${idNumber}`);
}

function personal(input: IntakeInput, today: string): PersonalData {
  const idNumber = requireIdDocument('idNumber', input.idType, input.idNumber, today);
  const holders = ID_DOCUMENTS[input.idType].holders;
  const isPerson = input.applicantType === 'person';
  if (!holders.includes(isPerson ? 'person' : 'organisation'))
    throw fieldError(
      'idType',
      `证件类型：${ID_DOCUMENTS[input.idType].name}不适用于${isPerson ? '自然人' : '法人或其他组织'}`,
    );
  if (input.delivery === 'email' && !input.email)
    throw fieldError('email', '电子邮箱：选择电子邮件送达时必填');
  if (input.delivery === 'post' && !input.address)
    throw fieldError('address', '通信地址：选择邮寄送达时必填');
  return {
    name: input.name,
    idType: input.idType,
    idNumber,
    contactName: input.contactName ?? null,
    phone: input.phone,
    email: input.email ?? null,
    address: input.address ?? null,
    postcode: input.postcode ?? null,
  };
}

interface Prepared {
  input: IntakeInput;
  data: PersonalData;
  files: PreparedFile[];
  password: string;
  passwordHash: string;
}

/** Validation (fields, then attachments) and the slow password hash happen before any transaction opens. */
async function prepare(
  deps: IntakeDeps,
  input: IntakeInput,
  uploads: readonly FileUpload[],
): Promise<Prepared> {
  const data = personal(input, deps.today ?? todayCst());
  const files = await prepareFiles(uploads);
  const password = randomCode(8);
  return { input, data, files, password, passwordHash: await hashPassword(password) };
}

async function insert(
  db: Executor,
  deps: IntakeDeps,
  p: Prepared,
  extra: {
    status: string;
    channel: Channel;
    receivedOn: string | null;
    createdBy: number | null;
    accountId?: number | null;
  },
): Promise<Receipt & { row: repo.ApplicationRow }> {
  const { input, data } = p;
  const today = deps.today ?? todayCst();
  const cipher = cipherOf(deps.config);
  // A caller that fixes today (tests, imports of past applications) fixes the submission day with it.
  const now = deps.today ? `${deps.today}T02:00:00.000Z` : nowIso();
  for (let attempt = 0; ; attempt++) {
    const trackingCode = `${today.replaceAll('-', '')}${randomCode(6)}`;
    if (await repo.findByTrackingCode(db, trackingCode)) {
      if (attempt > 5) throw new AppError('CONFLICT');
      continue;
    }
    const id = await repo.insertApplication(db, {
      tracking_code: trackingCode,
      reference_no: null,
      password_hash: p.passwordHash,
      status: extra.status,
      channel: extra.channel,
      applicant_type: input.applicantType,
      applicant_label: input.applicantType === 'person' ? maskName(input.name) : input.name,
      applicant_key: applicantKey(deps.config.dataKey, data.idType, data.idNumber),
      personal_sealed: cipher.encrypt(JSON.stringify(data)),
      subject: input.subject,
      doc_number: input.docNumber ?? null,
      description: input.description ?? null,
      form_wanted: input.formWanted,
      delivery: input.delivery,
      submitted_at: now,
      received_on: extra.receivedOn,
      receipt_basis: extra.receivedOn ? receiptBasis(extra.channel) : null,
      restarted_on: null,
      supplement_due_on: null,
      due_on: null,
      org_id: null,
      assignee_id: null,
      internal_due_on: null,
      fee_method: null,
      fee_pieces: null,
      fee_pages: null,
      fee_amount: null,
      fee_notice_on: null,
      fee_due_on: null,
      fee_paid_on: null,
      reply_type: null,
      replied_on: null,
      created_by: extra.createdBy,
      account_id: extra.accountId ?? null,
      created_at: now,
      updated_at: now,
    });
    const row = (await repo.findApplication(db, id))!;
    return { id, trackingCode, password: p.password, row };
  }
}

/**
 * An online application from the public form. Its receipt date is the day both sides confirm
 * (条例第三十一条第（三）项): set when the 公开办 registers it, not at submission.
 */
export async function submitApplication(
  deps: IntakeDeps,
  input: IntakeInput,
  uploads: readonly FileUpload[] = [],
  /** The signed-in applicant account, if any (account.service.ts): the application joins its list. */
  accountId: number | null = null,
): Promise<Receipt> {
  const p = await prepare(deps, input, uploads);
  return inTransaction(deps.db, async (trx) => {
    const r = await insert(trx, deps, p, {
      status: 'submitted',
      channel: 'online',
      receivedOn: null,
      createdBy: null,
      accountId,
    });
    await storeFiles(trx, deps.config, r.id, p.files, { source: 'applicant', userId: null });
    await repo.insertEvent(trx, {
      application_id: r.id,
      action: 'submit',
      from_status: null,
      to_status: 'submitted',
      reason: null,
      data: JSON.stringify({ channel: 'online' }),
      actor_id: null,
      actor_name: '申请人',
      at: nowIso(),
    });
    return {
      id: r.id,
      trackingCode: r.trackingCode,
      password: r.password,
      files: p.files.map((f) => f.name),
    };
  });
}

/**
 * An application the 公开办 received in person, by post, fax or e-mail, registered with its channel and
 * the receipt date that channel's rule gives (条例第三十一条); the clock starts at once.
 */
export async function registerReceivedApplication(
  deps: IntakeDeps,
  actor: Actor,
  input: IntakeInput & { channel: Channel; receivedOn: string },
  uploads: readonly FileUpload[] = [],
): Promise<Receipt> {
  if (!can(actor, APPLICATION_PERMISSIONS.intake))
    throw new AppError('FORBIDDEN', { message: '只有公开办受理人员可以登记申请' });
  const today = deps.today ?? todayCst();
  if (!CHANNEL_RULES[input.channel]) throw fieldError('channel', '申请方式：请选择');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.receivedOn) || input.receivedOn > today)
    throw fieldError('receivedOn', `收到申请之日：应为不晚于今天（${today}）的日期`);
  const p = await prepare(deps, input, uploads);
  return inTransaction(deps.db, async (trx) => {
    const r = await insert(trx, deps, p, {
      status: 'registered',
      channel: input.channel,
      receivedOn: input.receivedOn,
      createdBy: actor.userId,
    });
    await repo.insertEvent(trx, {
      application_id: r.id,
      action: 'register',
      from_status: null,
      to_status: 'registered',
      reason: null,
      data: JSON.stringify({ channel: input.channel, receivedOn: input.receivedOn }),
      actor_id: actor.userId,
      actor_name: actor.username ? `${actor.name}(${actor.username})` : actor.name,
      at: nowIso(),
    });
    await refreshClock(trx, deps.config, r.row, today);
    await notifyApplicant(trx, deps.config, (await repo.findApplication(trx, r.id))!, 'register', {}, 1);
    await recordAudit(trx, actor, {
      action: 'application.register',
      targetType: 'application',
      targetId: r.id,
      after: { channel: input.channel, receivedOn: input.receivedOn },
    });
    await storeFiles(trx, deps.config, r.id, p.files, { source: 'staff', userId: actor.userId });
    return {
      id: r.id,
      trackingCode: r.trackingCode,
      password: r.password,
      files: p.files.map((f) => f.name),
    };
  });
}

/** The personal data in full, for handlers only; every view is audited (who saw whose data, when). */
export async function revealPersonalData(deps: IntakeDeps, actor: Actor, id: number): Promise<PersonalData> {
  const app = await repo.findApplication(deps.db, id);
  if (!app) throw new AppError('NOT_FOUND', { message: '申请不存在' });
  const mayView = [APPLICATION_PERMISSIONS.intake, APPLICATION_PERMISSIONS.handle].some((p) => can(actor, p));
  if (!mayView) throw new AppError('FORBIDDEN', { message: '您无权查看申请人的个人信息' });
  // A handler sees the data of applications assigned to their own division or branch only.
  if (!mayViewPersonalData(actor, app.org_id))
    throw new AppError('FORBIDDEN', { message: '该申请未分办给您所在的单位，无权查看申请人的个人信息' });
  const data = JSON.parse(cipherOf(deps.config).decrypt(app.personal_sealed)) as PersonalData;
  await recordAudit(deps.db, actor, {
    action: 'application.personal_data.view',
    targetType: 'application',
    targetId: id,
  });
  return data;
}
