import type { Kysely } from 'kysely';

/**
 * Document bodies become sanitised rich text (issue 3). Bodies written before were plain text;
 * turn each into escaped paragraphs (a blank line starts a paragraph, a line break stays a <br>),
 * the same rule the editor applies to plain text, so every stored body is HTML from now on.
 * Revision snapshots keep the text as it was published. The rule is copied here on purpose:
 * a migration must not change when application code does.
 */
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br />')}</p>`)
    .join('\n');
}

const HAS_TAG = /<\/?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?\/?>/;

export async function up(db: Kysely<unknown>): Promise<void> {
  const k = db as Kysely<{ documents: { id: number; body: string } }>;
  const rows = await k.selectFrom('documents').select(['id', 'body']).execute();
  for (const r of rows) {
    if (HAS_TAG.test(r.body)) continue;
    await k
      .updateTable('documents')
      .set({ body: plainTextToHtml(r.body) })
      .where('id', '=', r.id)
      .execute();
  }
}
