import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ApplicationTables } from './schema.applications.js';

/**
 * Portable column conventions (docs/adr/0002): timestamps are ISO-8601 UTC strings
 * ("2026-11-25T08:00:00.000Z"), dates are "YYYY-MM-DD", booleans are 0/1 integers, JSON is text.
 * They sort and compare the same way on SQLite and PostgreSQL.
 */
export type Timestamp = string;
export type Flag = 0 | 1;

export interface OrgTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: 'bureau' | 'division' | 'unit' | 'branch';
  name: string;
  short_name: string | null;
  /** 组织机构代码 (9) or 统一社会信用代码 (18): also the 索引号 前段码 of what the unit publishes. */
  org_code: string | null;
  functions: string | null;
  address: string | null;
  phone: string | null;
  office_hours: string | null;
  sort_order: number;
  is_sample: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgLeaderTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  title: string;
  duties: string | null;
  resume: string | null;
  photo_path: string | null;
  sort_order: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleTable {
  code: string;
  name: string;
  description: string;
  sort_order: number;
}

export interface PermissionTable {
  code: string;
  name: string;
}

export interface RolePermissionTable {
  role_code: string;
  permission_code: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  org_id: number;
  password_hash: string;
  must_change_password: Flag;
  disabled: Flag;
  /** Mobile number encrypted with SM4 (personal data at rest); masked when shown. */
  phone_enc: string | null;
  /** Work e-mail for reminders (migration 0017); optional. */
  email: string | null;
  locked_until: Timestamp | null;
  password_changed_at: Timestamp;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRoleTable {
  user_id: number;
  role_code: string;
}

export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  created_at: Timestamp;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  ip: string;
  succeeded: Flag;
  created_at: Timestamp;
}

export interface SessionTable {
  /** HMAC of the cookie token: a database leak does not hand out live sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string;
  user_agent: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface RateLimitTable {
  bucket: string;
  window_start: Timestamp;
  hits: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  seq: number;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  actor_role: string;
  ip: string;
  action: string;
  target_type: string;
  target_id: string;
  before_digest: string | null;
  after_digest: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface CalendarEntryTable {
  id: Generated<number>;
  region: string;
  date: string;
  /** rest = day off; workday = 调休 working day; normal = neither (cancels an earlier entry). */
  kind: 'rest' | 'workday' | 'normal';
  name: string;
  source: string;
  note: string | null;
  version: number;
  created_by: number | null;
  created_at: Timestamp;
  /** Set when a later version replaced this row; history is never deleted. */
  superseded_at: Timestamp | null;
}

export interface CalendarYearTable {
  region: string;
  year: number;
  source: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface JobTable {
  id: Generated<number>;
  name: string;
  payload: string;
  status: 'queued' | 'running' | 'done' | 'dead';
  attempts: number;
  max_attempts: number;
  run_at: Timestamp;
  idempotency_key: string | null;
  locked_by: string | null;
  locked_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface JobScheduleTable {
  name: string;
  interval_seconds: number;
  next_run_at: Timestamp;
  last_run_at: Timestamp | null;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

export interface NoticeTable {
  id: Generated<number>;
  title: string;
  source: string;
  body: string;
  column_code: string;
  org_id: number | null;
  is_sample: Flag;
  published_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FileTable {
  id: Generated<number>;
  /** SM3 of the bytes: the ETag, and a check that what is served is what was stored. */
  sha: string;
  mime: string;
  size: number;
  visibility: 'public' | 'private';
  data: Buffer;
  created_by: number | null;
  created_at: Timestamp;
}

export interface DocColumnTable {
  id: Generated<number>;
  parent_id: number | null;
  code: string;
  name: string;
  basis: string;
  /** JSON array of ExtraField (modules/documents/columns.catalogue.ts). */
  extra_fields: string;
  needs_interpretation: Flag;
  sort_order: number;
  /** 1: left out of the portal and the public API (with everything below it); documents stay. */
  hidden: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One saved version of the 政府信息公开指南 (条例第十二条); the highest version is current. */
export interface DisclosureGuideVersionTable {
  id: Generated<number>;
  version: number;
  /** JSON object of the guide's sections (modules/site/guide.schema.ts). */
  content: string;
  is_sample: Flag;
  created_by: number | null;
  created_at: Timestamp;
}

export type DocumentStatus = 'draft' | 'in_review' | 'approved' | 'published' | 'withdrawn';
export type Validity = 'valid' | 'expired' | 'repealed' | 'revised';

export interface DocumentTable {
  id: Generated<number>;
  column_id: number;
  status: DocumentStatus;
  title: string;
  doc_number: string | null;
  doc_number_norm: string | null;
  index_no: string | null;
  publisher_org_id: number;
  joint_issuers: string | null;
  owner_org_id: number | null;
  written_on: string | null;
  formed_on: string;
  effective_on: string | null;
  published_at: Timestamp | null;
  scheduled_at: Timestamp | null;
  topic: string | null;
  genre: string | null;
  keywords: string | null;
  summary: string | null;
  disclosure_mode: string;
  validity: Validity;
  validity_changed_on: string | null;
  validity_reason: string | null;
  successor_id: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  body: string;
  extra: string;
  interpretation_exempt_reason: string | null;
  withdrawn_reason: string | null;
  external_id: string | null;
  version: number;
  is_sample: Flag;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DocumentEventTable {
  id: Generated<number>;
  document_id: number;
  from_status: DocumentStatus | null;
  to_status: DocumentStatus;
  action: string;
  reason: string | null;
  actor_id: number | null;
  actor_name: string;
  at: Timestamp;
}

export interface DocumentRevisionTable {
  id: Generated<number>;
  document_id: number;
  version: number;
  snapshot: string;
  correction_note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface DocumentInterpretationTable {
  policy_id: number;
  interpretation_id: number;
  kind: 'text' | 'graphic' | 'video' | 'qa';
}

export interface DocumentFindingTable {
  id: Generated<number>;
  document_id: number;
  field: string;
  kind: string;
  severity: 'high' | 'medium' | 'low';
  label: string;
  start_pos: number;
  end_pos: number;
  digest: string;
  masked: string;
  status: 'open' | 'masked' | 'dismissed';
  reason: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export type AttachmentKind = 'pdf' | 'docx' | 'xlsx' | 'image';

export interface DocumentAttachmentTable {
  id: Generated<number>;
  document_id: number;
  file_id: number;
  /** Display and download name (the uploaded name, extension matching the content). */
  name: string;
  position: number;
  kind: AttachmentKind;
  /** Sniffed from the content (file-type), never taken from the name or the browser. */
  mime: string;
  size: number;
  sha: string;
  page_count: number | null;
  /** Images: required description (alt text), which is also the text screened and searched. */
  alt_text: string | null;
  /** Pages (PDF) and sheets (XLSX) are separated by a form feed (\f). */
  extracted_text: string | null;
  extraction_status: 'ok' | 'failed' | 'none';
  extraction_error: string | null;
  /** replaced and removed attachments of a published document are kept, never deleted. */
  status: 'active' | 'replaced' | 'removed';
  replaced_by: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IndexSerialTable {
  prefix: string;
  year: number;
  last_serial: number;
}

export interface ExpropriationProjectTable {
  id: Generated<number>;
  name: string;
  /** 批次/项目编号. */
  batch_no: string;
  district: string;
  township: string;
  village: string;
  /** Square metres (公顷 × 10 000). */
  area_m2: number;
  farmland_m2: number | null;
  cultivated_m2: number | null;
  construction_m2: number | null;
  unused_m2: number | null;
  purpose: string;
  approving_authority: string | null;
  status: 'preparing' | 'approved' | 'implementing' | 'completed';
  hearing_requested: Flag;
  is_sample: Flag;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExpropriationStageTable {
  id: Generated<number>;
  project_id: number;
  /** modules/expropriation/expropriation.rules.ts STAGE_KINDS. */
  kind: string;
  document_id: number | null;
  posted_on: string;
  end_on: string | null;
  notes: string | null;
  updated_at: Timestamp;
}

/** Bearer tokens of the staff write API: only the keyed hash is stored (migration 0007). */
export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  hint: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
}

/** One indexed item of the site search (platform/search); tokens live in the engine's index. */
export interface SearchEntryTable {
  id: Generated<number>;
  kind: string;
  ref_id: number;
  title: string;
  /** The title folded (widths, case, traditional → simplified) for the title-phrase boost. */
  title_fold: string;
  doc_number: string | null;
  index_no: string | null;
  external_id: string | null;
  published_at: Timestamp;
  /** Days since 1970-01-01 of published_at, for the recency factor. */
  pub_day: number;
  /** Publication year in Beijing time. */
  year: number;
  column_id: number | null;
  org_id: number | null;
  validity: string;
  genre: string | null;
  url: string;
}

/** An exact identifier of a search entry (文号 keys, 索引号 and its 后段码). */
export interface SearchKeyTable {
  entry_id: number;
  key: string;
}

/** A group of equivalent search terms (同义词), separated by commas in `terms`. */
export interface SearchSynonymTable {
  id: Generated<number>;
  terms: string;
  note: string;
  is_sample: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database extends ApplicationTables {
  orgs: OrgTable;
  org_leaders: OrgLeaderTable;
  roles: RoleTable;
  permissions: PermissionTable;
  role_permissions: RolePermissionTable;
  users: UserTable;
  user_roles: UserRoleTable;
  password_history: PasswordHistoryTable;
  login_attempts: LoginAttemptTable;
  sessions: SessionTable;
  rate_limits: RateLimitTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  calendar_entries: CalendarEntryTable;
  calendar_years: CalendarYearTable;
  jobs: JobTable;
  job_schedules: JobScheduleTable;
  settings: SettingTable;
  notices: NoticeTable;
  files: FileTable;
  doc_columns: DocColumnTable;
  disclosure_guide_versions: DisclosureGuideVersionTable;
  documents: DocumentTable;
  document_events: DocumentEventTable;
  document_revisions: DocumentRevisionTable;
  document_interpretations: DocumentInterpretationTable;
  index_serials: IndexSerialTable;
  document_findings: DocumentFindingTable;
  document_attachments: DocumentAttachmentTable;
  expropriation_projects: ExpropriationProjectTable;
  expropriation_stages: ExpropriationStageTable;
  api_tokens: ApiTokenTable;
  search_entries: SearchEntryTable;
  search_keys: SearchKeyTable;
  search_synonyms: SearchSynonymTable;
}

export type Org = Selectable<OrgTable>;
export type NewOrg = Insertable<OrgTable>;
export type OrgUpdate = Updateable<OrgTable>;
export type User = Selectable<UserTable>;
export type Session = Selectable<SessionTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type Job = Selectable<JobTable>;
export type CalendarEntry = Selectable<CalendarEntryTable>;
export type Notice = Selectable<NoticeTable>;

export type DocumentRow = Selectable<DocumentTable>;
export type DocColumn = Selectable<DocColumnTable>;
export type DocumentAttachment = Selectable<DocumentAttachmentTable>;
