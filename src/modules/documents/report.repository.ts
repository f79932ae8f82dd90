import type { Executor } from '../../platform/db/index.js';

/** SQL behind the console reports of the catalogue (政策解读 coverage). */

/**
 * Published documents in columns that need a 政策解读, each with how many of its linked
 * interpretations are themselves published, its exemption reason, and its responsible unit.
 */
export async function policiesWithInterpretationCounts(db: Executor) {
  const rows = await db
    .selectFrom('documents')
    .innerJoin('doc_columns', 'doc_columns.id', 'documents.column_id')
    .leftJoin('orgs', (join) =>
      join.on((eb) =>
        eb('orgs.id', '=', eb.fn.coalesce('documents.owner_org_id', 'documents.publisher_org_id')),
      ),
    )
    .select((eb) => [
      'documents.id',
      'documents.title',
      'documents.doc_number',
      'documents.index_no',
      'documents.published_at',
      'documents.interpretation_exempt_reason',
      'doc_columns.name as column_name',
      'orgs.name as org_name',
      eb
        .selectFrom('document_interpretations')
        .innerJoin('documents as interp', 'interp.id', 'document_interpretations.interpretation_id')
        .select((sub) => sub.fn.countAll<string | number>().as('n'))
        .whereRef('document_interpretations.policy_id', '=', 'documents.id')
        .where('interp.status', '=', 'published')
        .as('interpretations'),
    ])
    .where('doc_columns.needs_interpretation', '=', 1)
    .where('documents.status', '=', 'published')
    .orderBy('documents.published_at', 'desc')
    .orderBy('documents.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, interpretations: Number(r.interpretations ?? 0) }));
}
