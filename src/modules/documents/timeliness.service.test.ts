import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, draftInput } from '../../../test/support/factories.js';
import type { Actor } from '../../platform/actor.js';
import { approveReview, createDraft, publishDocument, submitForReview } from './document.service.js';
import { timelinessReport } from './timeliness.service.js';

describe.each(dialects)('the art. 26 timeliness report on %s', (dialect) => {
  let t: TestApp;
  let publisher: Actor;
  let reviewer: Actor;
  let orgId: number;
  let legalId: number;
  let columnId: number;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const user = (username: string, permissions: string[]) => actorFor(t.deps.db, username, permissions);
    publisher = await user('publisher', ['documents.edit', 'documents.publish']);
    reviewer = await user('secrecy', ['documents.review']);
    orgId = (
      await t.deps.db.selectFrom('orgs').select('id').where('kind', '=', 'bureau').executeTakeFirstOrThrow()
    ).id;
    legalId = (
      await t.deps.db.selectFrom('orgs').select('id').where('name', '=', '法规处').executeTakeFirstOrThrow()
    ).id;
    columnId = (
      await t.deps.db
        .selectFrom('doc_columns')
        .select('id')
        .where('code', '=', 'gzdt')
        .executeTakeFirstOrThrow()
    ).id;
    await t.deps.db.updateTable('orgs').set({ org_code: '123456788' }).where('id', '=', orgId).execute();
  });
  afterAll(async () => t?.close());

  const make = async (title: string, formedOn: string, owner: number | null, publish: boolean) => {
    const id = await createDraft(
      t.deps.db,
      publisher,
      draftInput({
        column_id: columnId,
        title,
        publisher_org_id: orgId,
        owner_org_id: owner,
        formed_on: formedOn,
      }),
    );
    if (publish) {
      await submitForReview(t.deps.db, publisher, id);
      await approveReview(t.deps.db, reviewer, id);
      await publishDocument(t.deps.db, publisher, id);
    }
    return id;
  };

  it('finds what is late, overdue and at risk, and the on-time rate per unit', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    // Relative to the real today, so publication (which stamps now) lands where intended.
    const daysAgo = (n: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    await make('按时（示例）', today, legalId, true); // due 20 working days from today: on time
    await make('迟发（示例）', daysAgo(90), legalId, true); // published ~90 days after forming: late
    await make('逾期未发（示例）', daysAgo(60), null, false); // still a draft: overdue
    const report = await timelinessReport(t.deps.db, { region: 'national', today });
    const legal = report.perOrg.find((o) => o.orgName === '法规处');
    expect(legal).toMatchObject({ total: 2, onTime: 1, late: 1, rate: 0.5 });
    expect(report.attention.map((i) => [i.title, i.status])).toEqual([['逾期未发（示例）', 'overdue']]);
    expect(report.attention[0]?.orgName).toBe('市规划和自然资源局（示例）');
  });

  it('counts working days on the holiday calendar: at risk on the last day', async () => {
    // Formed Wed 2026-10-28; 20 working days later is Wed 2026-11-25 (no holiday in between).
    await make('最后一天（示例）', '2026-10-28', null, false);
    const report = await timelinessReport(t.deps.db, { region: 'national', today: '2026-11-25' });
    const item = report.attention.find((i) => i.title === '最后一天（示例）');
    expect(item).toMatchObject({ status: 'at_risk', due: '2026-11-25', workdaysLeft: 0 });
  });
});
