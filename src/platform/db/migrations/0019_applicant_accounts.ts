import type { Kysely } from 'kysely';
import { withId } from '../portable.js';

/**
 * Optional applicant accounts (issue 5: "an account may be offered to see one's history"). No account
 * is needed to apply; one who opens an account sees their applications in one list. The e-mail is
 * personal data: sealed (SM4), found by a keyed hash, shown masked. Sessions of applicants are apart
 * from staff sessions (own table, own cookie); only the HMAC of the cookie token is stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await withId(db, s.createTable('applicant_accounts'))
    .addColumn('email_key', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('email_sealed', 'text', (c) => c.notNull())
    .addColumn('email_masked', 'varchar(200)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_login_at', 'varchar(32)')
    .execute();
  await s
    .createTable('applicant_sessions')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('applicant_accounts.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s.alterTable('applications').addColumn('account_id', 'integer').execute();
  await s.createIndex('applications_account').on('applications').columns(['account_id', 'id']).execute();
}
