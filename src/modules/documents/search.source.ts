import type { Executor } from '../../platform/db/index.js';
import { fold } from '../../platform/search/analyse.js';
import {
  type Citations,
  refreshSearch,
  type SearchItem,
  type SearchSource,
} from '../../platform/search/search.service.js';
import { todayCst } from '../../platform/time.js';
import { foldDocNumberText, looksLikeDocNumber, normaliseDocNumber, parseDocNumber } from './doc-number.js';
import { parseIndexNumber } from './index-number.js';
import { htmlToText } from './richtext.js';
import * as repo from './search.repository.js';

/**
 * Published documents (policies, interpretations and everything else in the catalogue) as a search
 * source: title, 文号 and 索引号, body with 内容概述 and 主题词, and the text of current attachments.
 * Withdrawn documents leave the index (their tombstone page stays); invalid ones stay, ranked lower.
 */

export const DOCUMENT_KIND = 'document';

/** Longest agency code tried when a 文号 is cut out of a longer query (GB/T 9704 代字 are short). */
const MAX_AGENCY = 20;

const docKey = (canonical: string) => `wh:${canonical}`;

/** The exact keys of a stored 文号: its canonical form (any bracket style folds to it). */
export function docNumberKeys(docNumber: string | null): string[] {
  if (!docNumber) return [];
  return [docKey(normaliseDocNumber(fold(docNumber)))];
}

export function indexNumberKeys(indexNo: string | null): string[] {
  const p = indexNo ? parseIndexNumber(indexNo) : null;
  if (!p) return [];
  const tail = `${p.year}-${String(p.serial).padStart(5, '0')}`;
  return [`idx:${p.prefix}/${tail}`, `idxtail:${tail}`];
}

function agencySuffixes(agency: string): string[] {
  const chars = [...agency];
  const out: string[] = [];
  for (let n = 1; n <= Math.min(MAX_AGENCY, chars.length); n++)
    out.push(chars.slice(chars.length - n).join(''));
  return out;
}

/**
 * The keys of every 文号 and 索引号 a query is or contains, in any bracket style (〔〕 [] （） 【】 ﹝﹞),
 * full- or half-width, with or without brackets (示规资发2021012号), with 第 or leading zeros. When a 文号
 * is preceded by other words (关于国办函〔2020〕109号的解读), every ending of the words before the year
 * is tried as the agency code, since the query does not say where the code starts.
 */
export function queryKeys(query: string): string[] {
  const folded = normaliseDocNumber(fold(query.slice(0, 200)));
  const keys = new Set<string>();
  if (parseDocNumber(folded) || /号$/u.test(folded)) keys.add(docKey(folded));
  const shapes = [
    /([\p{Script=Han}A-Za-z]{1,40})〔(\d{4})年?〕第?(\d{1,6})号?/gu,
    /(\p{Script=Han}{1,40})((?:19|20)\d{2})第?(\d{1,6})号/gu,
  ];
  for (const re of shapes) {
    for (const m of folded.matchAll(re)) {
      const serial = Number(m[3]);
      if (serial < 1) continue;
      for (const agency of agencySuffixes(m[1]!)) {
        const p = parseDocNumber(`${agency}〔${m[2]}〕${serial}号`);
        if (p) keys.add(docKey(`${p.agencyCode}〔${p.year}〕${p.serial}号`));
      }
    }
  }
  const plain = query.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  for (const m of plain.matchAll(/([0-9A-Za-z]{9,18})\s*[/／]\s*(\d{4})\s*[-－—]\s*(\d{5})/g)) {
    for (const k of indexNumberKeys(`${m[1]}/${m[2]}-${m[3]}`)) if (k.startsWith('idx:')) keys.add(k);
  }
  if (![...keys].some((k) => k.startsWith('idx:'))) {
    for (const m of plain.matchAll(/(?<![\d/])((?:19|20)\d{2})-(\d{5})(?!\d)/g))
      keys.add(`idxtail:${m[1]}-${m[2]}`);
  }
  return [...keys];
}

/**
 * Citations of 文号 in a text (根据示规资发〔2019〕120号……) become keys, so that a search for a 文号 finds the
 * documents citing it without a full-text scan (ADR 0012). The agency code's start is not marked in
 * running text, so the key keeps only its last two characters (资发〔2019〕120号); the 文号's phrase
 * confirms each candidate at query time.
 */
/** An opening bracket and a year: where a citation may be (looked for in the raw text, cheaply). */
const OPEN_YEAR = /[〔[【（(﹝［〖〘︹﹙][\s\u3000]*[12１２][0-9０-９]{3}/gu;
/** A cited 文号 in a folded window around such a bracket: the agency code's last two characters. */
const CITED = /([\p{Script=Han}A-Za-z]{1,2})〔((?:19|20)\d{2})年?〕第?(\d{1,6})号/gu;
/** Distinct citations kept per document. */
const MAX_CITATIONS = 100;

const citationKey = (agency: string, year: number | string, serial: number) =>
  `cite:${[...agency].slice(-2).join('')}〔${year}〕${serial}号`;

export function citationKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const at of text.matchAll(OPEN_YEAR)) {
    const window = foldDocNumberText(fold(text.slice(Math.max(0, at.index - 8), at.index + 24)));
    for (const m of window.matchAll(CITED)) {
      const serial = Number(m[3]);
      if (serial > 0) keys.add(citationKey(m[1]!, m[2]!, serial));
    }
    if (keys.size >= MAX_CITATIONS) break;
  }
  return [...keys];
}

/** A query that is just a 文号 (any bracket style, or none): the keys of the documents citing it. */
export function citations(query: string): Citations | null {
  if (query.length > 60 || !looksLikeDocNumber(fold(query))) return null;
  const folded = normaliseDocNumber(fold(query));
  const parsed =
    parseDocNumber(folded) ??
    ((m) => (m ? { agencyCode: m[1]!, year: Number(m[2]), serial: Number(m[3]) } : null))(
      /^(\p{Script=Han}{1,20})((?:19|20)\d{2})(\d{1,6})号$/u.exec(folded),
    );
  if (!parsed || parsed.serial < 1) return null;
  // Without the final 号, which running text often continues (109号文件: the tokens 号文 文件, no 号).
  const { agencyCode: a, year: y, serial: n } = parsed;
  return { keys: [citationKey(a, y, n)], texts: [`${a}〔${y}〕${n}`, `${a}〔${y}〕第${n}`] };
}

async function loadItems(db: Executor, ids: number[]): Promise<SearchItem[]> {
  if (!ids.length) return [];
  // Published ones are kept here, not in SQL (see search.repository.ts).
  const docs = (await repo.documentsForIndex(db, ids)).filter(
    (d) => d.status === 'published' && d.published_at !== null,
  );
  const attachments = await attachmentTexts(
    db,
    docs.map((d) => d.id),
  );
  return docs.map((d) => {
    const body = [d.summary, d.keywords, d.joint_issuers, htmlToText(d.body), attachments.get(d.id)]
      .filter(Boolean)
      .join('\n');
    return {
      refId: d.id,
      title: d.title,
      numbers: [d.doc_number ?? '', d.index_no ?? ''],
      body,
      keys: [
        ...docNumberKeys(d.doc_number),
        ...indexNumberKeys(d.index_no),
        ...citationKeys(`${d.title}\n${body}`),
      ],
      externalId: d.external_id,
      docNumber: d.doc_number,
      indexNo: d.index_no,
      publishedAt: d.published_at!,
      year: Number(todayCst(Date.parse(d.published_at!)).slice(0, 4)),
      columnId: d.column_id,
      orgId: d.publisher_org_id,
      validity: d.validity,
      genre: d.genre,
      url: `/documents/${d.id}`,
    };
  });
}

/** Names, descriptions and extracted text of the current attachments, per document. */
async function attachmentTexts(db: Executor, documentIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!documentIds.length) return out;
  const rows = await repo.currentAttachmentTexts(db, documentIds);
  for (const r of rows) {
    const text = [r.name, r.alt_text, r.extracted_text?.replace(/\f/g, '\n')].filter(Boolean).join('\n');
    out.set(r.document_id, out.has(r.document_id) ? `${out.get(r.document_id)}\n${text}` : text);
  }
  return out;
}

export const documentSearchSource: SearchSource = {
  kind: DOCUMENT_KIND,
  label: '主动公开文件（含政策解读、附件）',
  load: loadItems,
  count: repo.countPublished,
  ids: repo.publishedIdsAfter,
  async texts(db, ids) {
    const out = new Map<number, string>();
    if (!ids.length) return out;
    const docs = await repo.bodiesOf(db, ids);
    const attachments = await attachmentTexts(db, ids);
    for (const d of docs)
      out.set(d.id, [htmlToText(d.body), attachments.get(d.id)].filter(Boolean).join('\n'));
    return out;
  },
  queryKeys,
  citations,
};

/** Re-index one document after a change that the public can see (in the change's transaction). */
export async function reindexDocument(trx: Executor, id: number): Promise<void> {
  await refreshSearch(trx, DOCUMENT_KIND, [id]);
}

/** Re-index documents in one go (an import batch, in its transaction). */
export async function reindexDocuments(trx: Executor, ids: number[]): Promise<void> {
  await refreshSearch(trx, DOCUMENT_KIND, ids);
}
