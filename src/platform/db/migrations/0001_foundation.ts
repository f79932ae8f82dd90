import { type Kysely, sql } from 'kysely';

const GENESIS_HASH = '0'.repeat(64);

import { forbidUpdateDelete, withId } from '../portable.js';

/** Foundation schema: organisations, people, sessions, audit, calendar, jobs, settings, notices. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;

  await withId(db, s.createTable('orgs'))
    .addColumn('parent_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('short_name', 'varchar(100)')
    .addColumn('org_code', 'varchar(32)')
    .addColumn('functions', 'text')
    .addColumn('address', 'varchar(300)')
    .addColumn('phone', 'varchar(100)')
    .addColumn('office_hours', 'varchar(200)')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_sample', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s.createIndex('orgs_parent').on('orgs').column('parent_id').execute();
  await s.createIndex('orgs_name').on('orgs').column('name').unique().execute();

  await withId(db, s.createTable('org_leaders'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('duties', 'text')
    .addColumn('resume', 'text')
    .addColumn('photo_path', 'varchar(300)')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s.createIndex('org_leaders_org').on('org_leaders').column('org_id').execute();

  await s
    .createTable('roles')
    .addColumn('code', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('description', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await s
    .createTable('permissions')
    .addColumn('code', 'varchar(60)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .execute();
  await s
    .createTable('role_permissions')
    .addColumn('role_code', 'varchar(40)', (c) => c.notNull().references('roles.code'))
    .addColumn('permission_code', 'varchar(60)', (c) => c.notNull().references('permissions.code'))
    .addPrimaryKeyConstraint('role_permissions_pk', ['role_code', 'permission_code'])
    .execute();

  await withId(db, s.createTable('users'))
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('password_hash', 'varchar(300)', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('phone_enc', 'varchar(200)')
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('password_changed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_login_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s.createIndex('users_org').on('users').column('org_id').execute();

  await s
    .createTable('user_roles')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('role_code', 'varchar(40)', (c) => c.notNull().references('roles.code'))
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role_code'])
    .execute();

  await withId(db, s.createTable('password_history'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('password_hash', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s.createIndex('password_history_user').on('password_history').columns(['user_id', 'id']).execute();

  await withId(db, s.createTable('login_attempts'))
    .addColumn('username', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s
    .createIndex('login_attempts_user_time')
    .on('login_attempts')
    .columns(['username', 'created_at'])
    .execute();

  await s
    .createTable('sessions')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'varchar(128)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_agent', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await s.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

  await s
    .createTable('rate_limits')
    .addColumn('bucket', 'varchar(200)', (c) => c.notNull())
    .addColumn('window_start', 'varchar(32)', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'window_start'])
    .execute();

  await withId(db, s.createTable('audit_log'))
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('actor_role', 'varchar(200)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('action', 'varchar(100)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(60)', (c) => c.notNull())
    .addColumn('target_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('before_digest', 'varchar(64)')
    .addColumn('after_digest', 'varchar(64)')
    .addColumn('detail', 'text')
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await s.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await s.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
  await s.createIndex('audit_log_action').on('audit_log').columns(['action', 'at']).execute();
  await forbidUpdateDelete(db, 'audit_log');
  // One row that serialises appends: the chain must be linear across processes.
  await s
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, ${GENESIS_HASH})`.execute(db);

  await withId(db, s.createTable('calendar_entries'))
    .addColumn('region', 'varchar(40)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('source', 'varchar(200)', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('superseded_at', 'varchar(32)')
    .execute();
  await s.createIndex('calendar_entries_date').on('calendar_entries').columns(['region', 'date']).execute();
  await s
    .createTable('calendar_years')
    .addColumn('region', 'varchar(40)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('source', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_years_pk', ['region', 'year'])
    .execute();

  await withId(db, s.createTable('jobs'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('run_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('idempotency_key', 'varchar(200)', (c) => c.unique())
    .addColumn('locked_by', 'varchar(100)')
    .addColumn('locked_at', 'varchar(32)')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .execute();
  await s.createIndex('jobs_ready').on('jobs').columns(['status', 'run_at']).execute();
  await s
    .createTable('job_schedules')
    .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('next_run_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_run_at', 'varchar(32)')
    .execute();

  await s
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await withId(db, s.createTable('notices'))
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('source', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('column_code', 'varchar(40)', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('is_sample', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await s.createIndex('notices_column_time').on('notices').columns(['column_code', 'published_at']).execute();
}
