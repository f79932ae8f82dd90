/**
 * Run as a separate process (node --import tsx test/support/publish-child.ts URL TITLE): publishes
 * one document through the real services, as another web or worker process of the site would.
 * The page-cache test uses it to prove that a change made elsewhere reaches this process's cache.
 */
import {
  approveReview,
  createDraft,
  publishDocument,
  submitForReview,
} from '../../src/modules/documents/document.service.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { actorFor, columnIdOf, draftInput } from './factories.js';

const [url, title] = process.argv.slice(2);
if (!url || !title) throw new Error('usage: publish-child.ts DATABASE_URL TITLE');
const { db, destroy } = openDatabase(url);
const publisher = await actorFor(db, 'publisher', ['documents.edit', 'documents.publish']);
const reviewer = await actorFor(db, 'secrecy', ['documents.review']);
const bureau = await db
  .selectFrom('orgs')
  .select('id')
  .where('kind', '=', 'bureau')
  .orderBy('id')
  .executeTakeFirstOrThrow();
const id = await createDraft(
  db,
  publisher,
  draftInput({ column_id: await columnIdOf(db, 'tzgg'), publisher_org_id: bureau.id, title }),
);
await submitForReview(db, publisher, id);
await approveReview(db, reviewer, id);
await publishDocument(db, publisher, id);
await destroy();
process.stdout.write(`${id}\n`);
