import type { Generated } from 'kysely';
import type { Flag, Timestamp } from './schema.js';

/** Tables of the applications module (migration 0014); kept apart so schema.ts stays readable. */
export interface ApplicationTable {
  id: Generated<number>;
  /** Given to the applicant with the query password (回执). */
  tracking_code: string;
  /** The bureau's 受理编号, given at registration. */
  reference_no: string | null;
  password_hash: string;
  /** modules/applications/application.status.ts APPLICATION_STATUSES. */
  status: string;
  /** online | email | in_person | registered_post | ordinary_post | fax (条例第三十一条). */
  channel: string;
  applicant_type: string;
  /** Masked name for lists (张**), or the organisation's name. */
  applicant_label: string;
  /** Keyed hash (HMAC-SM3) of the identity document: groups an applicant's requests. */
  applicant_key: string;
  /** SM4-sealed JSON of the applicant's personal data (platform/crypto.ts FieldCipher). */
  personal_sealed: string;
  subject: string;
  doc_number: string | null;
  description: string | null;
  form_wanted: string;
  delivery: string;
  submitted_at: Timestamp;
  /** 收到申请之日 (条例第三十一条), set at registration. */
  received_on: string | null;
  receipt_basis: string | null;
  /** 收到补正申请之日 (条例第三十条): the clock runs from it. */
  restarted_on: string | null;
  supplement_due_on: string | null;
  extension_days: Generated<number>;
  /** The computed reply due date (null before registration and while a pause is open). */
  due_on: string | null;
  clock_paused: Generated<Flag>;
  org_id: number | null;
  assignee_id: number | null;
  internal_due_on: string | null;
  /** 109号: piece | volume, the pieces this application counts for, its pages, the amount in 元. */
  fee_method: string | null;
  fee_pieces: number | null;
  fee_pages: number | null;
  fee_amount: number | null;
  /** The day the applicant received the fee notice, and the last day to pay (B9). */
  fee_notice_on: string | null;
  fee_due_on: string | null;
  fee_paid_on: string | null;
  reply_type: string | null;
  replied_on: string | null;
  /** 送达 (migration 0017): the day the reply reached the applicant, how, and the proof. */
  delivered_on: string | null;
  delivery_method: string | null;
  delivery_proof: string | null;
  /** The day it left the open states (replied, abandoned, withdrawn): its report year (migration 0018). */
  closed_on: string | null;
  /** The applicant account it was submitted from or added to (migration 0019); optional. */
  account_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A file attached to an application (migration 0017); the bytes are SM4-sealed in `files`. */
export interface ApplicationFileTable {
  id: Generated<number>;
  application_id: number;
  file_id: number;
  name: string;
  mime: string;
  size: number;
  /** applicant | staff */
  source: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ApplicationEventTable {
  id: Generated<number>;
  application_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  /** JSON of the action's details (dates, organisation, reply type…). */
  data: string | null;
  actor_id: number | null;
  actor_name: string;
  at: Timestamp;
}

export interface ApplicationPauseTable {
  id: Generated<number>;
  application_id: number;
  /** consultation | fee */
  kind: string;
  from_on: string;
  to_on: string | null;
  label: string | null;
  /** For a consultation: the consulted party's last day (15 工作日). */
  window_end_on: string | null;
}

/** Outgoing e-mail (platform/mail/outbox.ts). */
export interface OutboxTable {
  id: Generated<number>;
  dedupe_key: string;
  /** SM4-sealed recipient address; to_masked for display. */
  to_sealed: string;
  to_masked: string;
  subject: string;
  body: string;
  /** pending | sent | failed */
  status: string;
  attempts: Generated<number>;
  last_error: string | null;
  related_type: string | null;
  related_id: number | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface ApplicationReminderTable {
  id: Generated<number>;
  application_id: number;
  /** due5 | due2: working days before the due date. */
  kind: string;
  due_on: string;
  org_id: number | null;
  created_at: Timestamp;
}

/** A reconsideration or litigation case (migration 0016; modules/applications/case.rules.ts). */
export interface ApplicationCaseTable {
  id: Generated<number>;
  /** Null when the case concerns a disclosure matter without an application on the platform. */
  application_id: number | null;
  /** reconsideration | litigation_direct | litigation_after (the three groups of report section 四). */
  kind: string;
  case_no: string;
  /** 复议机关 or 人民法院. */
  body: string;
  /** 申请复议或起诉之日. */
  filed_on: string;
  /** A decision code of the kind (case.rules.ts DECISIONS); null while the case is pending. */
  decision: string | null;
  decided_on: string | null;
  notes: string | null;
  /** The draft or published 行政复议决定书 in the xzfyjds column, once drafted from this case. */
  document_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One annual report per year (migration 0018); JSON columns hold the tables and their edits. */
export interface AnnualReportTable {
  id: Generated<number>;
  year: number;
  agency: string;
  status: string;
  source: string;
  computed: string | null;
  computed_at: Timestamp | null;
  inputs: string | null;
  overrides: string | null;
  explanations: string | null;
  texts: string | null;
  published: string | null;
  published_on: string | null;
  document_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AnnualReportEventTable {
  id: Generated<number>;
  report_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  data: string | null;
  actor_id: number | null;
  actor_name: string;
  at: Timestamp;
}

/** Optional applicant accounts and their sessions (migration 0019). */
export interface ApplicantAccountTable {
  id: Generated<number>;
  email_key: string;
  email_sealed: string;
  email_masked: string;
  password_hash: string;
  created_at: Timestamp;
  last_login_at: Timestamp | null;
}

export interface ApplicantSessionTable {
  id: string;
  account_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApplicationTables {
  applicant_accounts: ApplicantAccountTable;
  applicant_sessions: ApplicantSessionTable;
  annual_reports: AnnualReportTable;
  annual_report_events: AnnualReportEventTable;
  outbox: OutboxTable;
  application_reminders: ApplicationReminderTable;
  applications: ApplicationTable;
  application_events: ApplicationEventTable;
  application_pauses: ApplicationPauseTable;
  application_cases: ApplicationCaseTable;
  application_files: ApplicationFileTable;
}
