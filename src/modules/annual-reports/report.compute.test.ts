import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { actorFor, columnIdOf } from '../../../test/support/factories.js';
import type { Db } from '../../platform/db/index.js';
import {
  APPLICANT_TYPES,
  REPLY_TYPE_DEFS,
  REPLY_TYPES,
  registerReceivedApplication,
  residentIdCheckChar,
  transitionApplication,
} from '../applications/index.js';
import { checkReport } from './report.check.js';
import { computeReport } from './report.compute.js';
import { LEAF_ROW_KEYS, SECTION_THREE_ROW_KEYS } from './report.format.js';

/**
 * Every row and column of section 三 from seeded applications of each result type and applicant
 * type; 一, 二 and 四 from receipt and closing days around the year; 四 from cases; 二 from the
 * catalogue. Applicant type number i (0-based) gets i + 1 applications of each result type, so a
 * count in the wrong column cannot pass.
 */
const YEAR = 2025;
const NONE = { penalty: 3, coercion: 1, charges: 1.25 };

async function insertApp(
  db: Db,
  a: { type: string; received: string | null; closed: string | null; reply: string | null; status: string },
) {
  const at = '2024-01-01T00:00:00.000Z';
  await db
    .insertInto('applications')
    .values({
      tracking_code: `T${Math.random().toString(36).slice(2, 14)}`,
      password_hash: 'x',
      status: a.status,
      channel: 'in_person',
      applicant_type: a.type,
      applicant_label: '测**',
      applicant_key: 'k',
      personal_sealed: 'x',
      subject: '测试',
      form_wanted: 'paper',
      delivery: 'post',
      submitted_at: at,
      received_on: a.received,
      reply_type: a.reply,
      replied_on: a.status === 'replied' ? a.closed : null,
      closed_on: a.closed,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

describe.each(dialects)('computeReport on %s', (dialect) => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    db = t.deps.db;
    for (const [i, type] of APPLICANT_TYPES.entries()) {
      const n = i + 1;
      for (let k = 0; k < n; k++) {
        // Results of the year: one per reply type, received this year or carried over.
        for (const [j, reply] of REPLY_TYPES.entries())
          await insertApp(db, {
            type,
            received: j % 3 === 0 ? '2024-12-20' : '2025-03-01',
            closed: j % 2 ? '2025-06-30' : '2025-01-02',
            reply,
            status: 'replied',
          });
        await insertApp(db, { type, received: '2024-11-01', closed: null, reply: null, status: 'assigned' }); // 二 and 四
        await insertApp(db, {
          type,
          received: '2025-12-31',
          closed: '2026-01-05',
          reply: 'disclosed',
          status: 'replied',
        }); // 一 and 四
        await insertApp(db, {
          type,
          received: '2024-05-01',
          closed: '2024-12-31',
          reply: 'disclosed',
          status: 'replied',
        }); // not counted
        await insertApp(db, {
          type,
          received: '2026-01-02',
          closed: null,
          reply: null,
          status: 'registered',
        }); // not counted
        await insertApp(db, { type, received: null, closed: null, reply: null, status: 'submitted' }); // never received
      }
    }
  });
  afterAll(() => t.close());

  it('counts every row and column of section 三 from the records, and the identities hold', async () => {
    const { report, problems } = await computeReport(db, YEAR, '测试局', NONE);
    expect(problems).toEqual([]);
    const three = report.three;
    const perRow = (row: string) => REPLY_TYPES.filter((r) => REPLY_TYPE_DEFS[r].row === row).length;
    const carriedIn = REPLY_TYPES.filter((_, j) => j % 3 === 0).length;
    for (const [i, type] of APPLICANT_TYPES.entries()) {
      const n = i + 1;
      for (const row of LEAF_ROW_KEYS) expect(three[row][type], `${row} ${type}`).toBe(n * perRow(row));
      expect(three['3.7'][type]).toBe(n * REPLY_TYPES.length);
      expect(three['1'][type], `一 ${type}`).toBe(n * (REPLY_TYPES.length - carriedIn + 1));
      expect(three['2'][type], `二 ${type}`).toBe(n * (carriedIn + 1));
      expect(three['4'][type], `四 ${type}`).toBe(n * 2);
    }
    for (const row of SECTION_THREE_ROW_KEYS)
      expect(three[row].total).toBe(APPLICANT_TYPES.reduce((s, t) => s + three[row][t], 0));
    // Every one of the 21 leaf rows is reached by some result type (the mapping misses none).
    for (const row of LEAF_ROW_KEYS) expect(perRow(row), row).toBeGreaterThan(0);
    expect(report.two.penalty.decisions).toBe(3);
    expect(report.two.charges.amount).toBe(1.25);
    expect(checkReport(report).violations).toEqual([]);
  });

  it('takes section 四 from the cases, a case pending at the year end counting as 尚未审结', async () => {
    const at = '2025-01-01T00:00:00.000Z';
    const cases = [
      { kind: 'reconsideration', filed_on: '2025-02-01', decision: 'rec_uphold', decided_on: '2025-04-01' },
      { kind: 'reconsideration', filed_on: '2025-11-01', decision: 'rec_uphold', decided_on: '2026-01-10' },
      { kind: 'litigation_direct', filed_on: '2024-10-01', decision: null, decided_on: null },
      { kind: 'litigation_after', filed_on: '2023-10-01', decision: 'rec_uphold', decided_on: '2024-03-01' },
    ];
    for (const [i, c] of cases.entries())
      await db
        .insertInto('application_cases')
        .values({ ...c, case_no: `案${i}`, body: '某机关', created_at: at, updated_at: at })
        .execute();
    const { report } = await computeReport(db, YEAR, '测试局', NONE);
    expect(report.four.reconsideration).toEqual({
      结果维持: 1,
      结果纠正: 0,
      其他结果: 0,
      尚未审结: 1,
      总计: 2,
    });
    expect(report.four.litigation_direct).toEqual({
      结果维持: 0,
      结果纠正: 0,
      其他结果: 0,
      尚未审结: 1,
      总计: 1,
    });
    expect(report.four.litigation_after.总计).toBe(0);
  });

  it('takes section 二 from the catalogue: issued, repealed and in force at the year end', async () => {
    const normative = await columnIdOf(db, 'xzgfxwj');
    const licences = await columnIdOf(db, 'ghzyxk');
    const org = (await db.selectFrom('orgs').select('id').executeTakeFirstOrThrow()).id;
    const doc = (
      column_id: number,
      formed_on: string,
      validity: 'valid' | 'repealed' | 'expired' | 'revised',
      changed: string | null,
      genre: string | null = null,
    ) =>
      db
        .insertInto('documents')
        .values({
          column_id,
          status: 'published',
          title: '文件',
          publisher_org_id: org,
          formed_on,
          written_on: formed_on,
          published_at: `${formed_on}T02:00:00.000Z`,
          genre,
          disclosure_mode: 'proactive',
          validity,
          validity_changed_on: changed,
          body: '<p>正文</p>',
          extra: '{}',
          version: 1,
          is_sample: 0,
          created_at: '2025-01-01T00:00:00.000Z',
          updated_at: '2025-01-01T00:00:00.000Z',
        })
        .execute();
    await doc(normative, '2023-05-01', 'valid', null); // in force
    await doc(normative, '2024-05-01', 'repealed', '2025-03-01'); // repealed this year
    await doc(normative, '2025-02-01', 'valid', null); // issued, in force
    await doc(normative, '2025-06-01', 'expired', '2026-02-01'); // issued; in force at the year end
    await doc(normative, '2022-01-01', 'revised', '2024-01-01'); // ended before
    await doc(normative, '2026-01-10', 'valid', null); // next year
    await doc(licences, '2025-07-01', 'valid', null);
    await doc(licences, '2025-08-01', 'valid', null);
    await doc(licences, '2024-12-31', 'valid', null);
    await doc(normative, '2025-03-03', 'valid', null, '规章');
    const { report } = await computeReport(db, YEAR, '测试局', NONE);
    expect(report.two.normative).toEqual({ issued: 3, repealed: 1, inForce: 4 });
    expect(report.two.regulations).toEqual({ issued: 1, repealed: 0, inForce: 1 });
    expect(report.two.licensing.decisions).toBe(2);
  });

  it('closes an application on its result day with its result type, through the workflow', async () => {
    const all = await actorFor(db, 'intake', ['applications.intake', 'applications.approve']);
    const body = '11010519800101003';
    const person = {
      applicantType: 'person' as const,
      name: '郑十一',
      idType: 'resident_id' as const,
      idNumber: body + residentIdCheckChar(body),
      phone: '13912345678',
      subject: '某地块',
      formWanted: 'paper' as const,
      delivery: 'pickup' as const,
    };
    const wf = { db, config: t.config, today: '2027-03-10' };
    const before = (await computeReport(db, 2027, '测试局', NONE)).report.three;
    const a = await registerReceivedApplication(wf, all, {
      ...person,
      channel: 'in_person',
      receivedOn: '2027-03-01',
    });
    await transitionApplication(wf, all, a.id, 'withdraw', { reason: '不再需要' });
    const b = await registerReceivedApplication({ ...wf, today: '2027-03-02' }, all, {
      ...person,
      channel: 'in_person',
      receivedOn: '2027-03-01',
    });
    await transitionApplication({ ...wf, today: '2027-03-02' }, all, b.id, 'request_supplement', {
      text: '写明地块',
      dueOn: '2027-03-09',
    });
    await transitionApplication(wf, all, b.id, 'supplement_lapsed', { reason: '逾期' });
    const rows = await db
      .selectFrom('applications')
      .select(['id', 'closed_on', 'reply_type'])
      .where('id', 'in', [a.id, b.id])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.closed_on, r.reply_type])).toEqual([
      ['2027-03-10', 'withdrawn'],
      ['2027-03-10', 'not_supplemented'],
    ]);
    const after = (await computeReport(db, 2027, '测试局', NONE)).report.three;
    expect(after['1'].person - before['1'].person).toBe(2);
    expect(after['3.6.3'].person - before['3.6.3'].person).toBe(1);
    expect(after['3.6.1'].person - before['3.6.1'].person).toBe(1);
  });
});
