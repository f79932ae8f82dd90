import type { Kysely } from 'kysely';
import { withId } from '../portable.js';

/**
 * Land-expropriation (征地) project register (issue 3, work plan 二.1 "环节一步不差、文件一个不少"):
 * projects and, per project, one row per statutory stage with its dates and the published document
 * of the 征地信息 column that discloses it. Areas are whole square metres (1 公顷 = 10 000 m², so four
 * decimals of 公顷 are exact).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('expropriation_projects'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('batch_no', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('district', 'varchar(100)', (c) => c.notNull())
    .addColumn('township', 'varchar(100)', (c) => c.notNull())
    .addColumn('village', 'varchar(200)', (c) => c.notNull())
    .addColumn('area_m2', 'integer', (c) => c.notNull())
    .addColumn('farmland_m2', 'integer')
    .addColumn('cultivated_m2', 'integer')
    .addColumn('construction_m2', 'integer')
    .addColumn('unused_m2', 'integer')
    .addColumn('purpose', 'varchar(500)', (c) => c.notNull())
    .addColumn('approving_authority', 'varchar(200)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('hearing_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_sample', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await withId(db, db.schema.createTable('expropriation_stages'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('expropriation_projects.id'))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('document_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('posted_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_on', 'varchar(10)')
    .addColumn('notes', 'varchar(1000)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('expropriation_stages_project_kind', ['project_id', 'kind'])
    .execute();
}
