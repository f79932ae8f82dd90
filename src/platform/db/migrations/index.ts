import type { Kysely } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_files.js';
import * as m0003 from './0003_documents.js';
import * as m0004 from './0004_document_findings.js';
import * as m0005 from './0005_document_attachments.js';
import * as m0006 from './0006_expropriation_projects.js';
import * as m0007 from './0007_api_tokens.js';
import * as m0008 from './0008_columns_guide.js';
import * as m0009 from './0009_document_rich_text.js';
import * as m0010 from './0010_documents_published_index.js';
import * as m0011 from './0011_search.js';
import * as m0012 from './0012_search_tsv_lz4.js';
import * as m0013 from './0013_search_filters.js';
import * as m0014 from './0014_applications.js';
import * as m0015 from './0015_outbox.js';
import * as m0016 from './0016_application_cases.js';
import * as m0017 from './0017_application_delivery_files.js';
import * as m0018 from './0018_annual_reports.js';
import * as m0019 from './0019_applicant_accounts.js';

/** Every migration, in order. Names are stored in schema_migrations and never change. */
export const migrations: Record<string, { up(db: Kysely<unknown>): Promise<void> }> = {
  '0001_foundation': m0001,
  '0002_files': m0002,
  '0003_documents': m0003,
  '0004_document_findings': m0004,
  '0005_document_attachments': m0005,
  '0006_expropriation_projects': m0006,
  '0007_api_tokens': m0007,
  '0008_columns_guide': m0008,
  '0009_document_rich_text': m0009,
  '0010_documents_published_index': m0010,
  '0011_search': m0011,
  '0012_search_tsv_lz4': m0012,
  '0013_search_filters': m0013,
  '0014_applications': m0014,
  '0015_outbox': m0015,
  '0016_application_cases': m0016,
  '0017_application_delivery_files': m0017,
  '0018_annual_reports': m0018,
  '0019_applicant_accounts': m0019,
};
