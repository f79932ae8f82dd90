import { type ComponentChildren, Fragment } from 'preact';
import {
  CATEGORY_DEFS,
  ORGANISATION_GROUP_NAME,
  RESULT_ROWS,
  SECTION_THREE_NOTE,
  SECTION_THREE_ROWS,
} from '../applications/index.js';
import {
  type AnnualReportData,
  type CellRef,
  REPORT_COLUMN_NAMES,
  REPORT_COLUMNS,
  type ReportColumn,
  SECTION_FOUR_COLUMNS,
  SECTION_FOUR_ROW_LABELS,
  SECTION_FOUR_ROWS,
  SECTION_THREE_ROW_KEYS,
  SECTION_THREE_ROW_LABELS,
  SECTION_TWO_COLUMN_LABELS,
  SECTION_TWO_ITEMS,
  SECTION_TWO_ROW_LABELS,
  type SectionThreeRowKey,
} from './report.format.js';

/**
 * The annual report as HTML (国办公开办函〔2021〕30号, regulations.md C.1–C.6): the tables of sections 二,
 * 三 and 四 in the official layout, and the whole report. Every data cell names all of its headers with
 * `headers` (WCAG 2 technique H43), as the headers of 三 and 四 span several levels. Cells a check flags
 * carry a visible marker and hidden text, not colour alone (WCAG 1.4.1).
 */

// ---------------------------------------------------------------- shared with the DOCX and CSV forms

/** The six section headings, verbatim. */
export const SECTION_HEADINGS = {
  overview: '一、总体情况',
  two: '二、主动公开政府信息情况',
  three: '三、收到和处理政府信息公开申请情况',
  four: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
} as const;

/** The column heading over the row labels of each section 二 sub-table (C.2). */
export const SECTION_TWO_ROW_HEADING = '信息内容';
/** The heading over the seven columns of section 三 (C.3). */
export const APPLICANT_HEADING = '申请人情况';

export const reportTitle = (r: Pick<AnnualReportData, 'agency' | 'year'>): string =>
  `${r.agency} ${r.year} 年政府信息公开工作年度报告`;

/** Integers as they are; an amount (万元) to at most 4 decimals without trailing zeros. */
export function formatReportNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(4).replace(/\.?0+$/, '');
}

/** A text section as paragraphs: split on blank lines, each trimmed, empty ones dropped. */
export const textParagraphs = (text: string | undefined): string[] =>
  (text ?? '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/** The key of a cell in a `highlight` set: "三:3.7:person", "二:charges:amount", "四:reconsideration:总计". */
export const cellKey = (c: CellRef): string => `${c.section}:${c.row}:${c.column}`;

/** Section 四's column groups from the row labels: '行政诉讼（复议后起诉）' → 行政诉讼 › 复议后起诉. */
export function sectionFourGroup(label: string): { group: string; sub: string | null } {
  const m = /^(.+?)（(.+)）$/.exec(label);
  return m ? { group: m[1]!, sub: m[2]! } : { group: label, sub: null };
}

/**
 * The numeric rows of section 三 in order. A sub-item (三(三)1 …) belongs to a category whose label spans
 * its sub-rows; (一), (二) and (七) are categories and rows at once.
 */
export const SECTION_THREE_LAYOUT = SECTION_THREE_ROW_KEYS.map((key) => {
  const result = RESULT_ROWS.find((r) => r.key === key);
  const cat = result?.category ? CATEGORY_DEFS[result.category] : null;
  return {
    key,
    label: SECTION_THREE_ROW_LABELS[key],
    inResults: Boolean(result),
    /** The category of a sub-item ('3.3' and '（三）不予公开' for 三(三)1–8); null for other rows. */
    category: cat && cat.key !== key ? { key: cat.key, label: cat.label } : null,
  };
});

/** How many sub-rows each category label spans, by category key ('3.3' → 8). */
export const categorySpan = (key: string): number =>
  SECTION_THREE_LAYOUT.filter((r) => r.category?.key === key).length;

/** The number of rows 三、本年度办理结果 spans (22). */
export const RESULT_ROW_SPAN = SECTION_THREE_LAYOUT.filter((r) => r.inResults).length;
const RESULTS_LABEL = SECTION_THREE_ROWS[2].label;

// ---------------------------------------------------------------- cells

interface TableProps {
  report: AnnualReportData;
  /** Prefix of every id, so that two reports can share a page. */
  idPrefix?: string;
  /** Keys of cells involved in check violations (see cellKey). */
  highlight?: Set<string>;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '-');

function Cell(p: { value: number; headers: string[]; flagged: boolean }) {
  return (
    <td headers={p.headers.join(' ')} class={p.flagged ? 'report-flagged' : undefined}>
      {formatReportNumber(p.value)}
      {p.flagged && (
        <>
          <span aria-hidden="true">{'\u00a0⚠'}</span>
          <span class="sr-only">（核对有误）</span>
        </>
      )}
    </td>
  );
}

/** A wide table in a keyboard-scrollable region named by its caption. */
function Scroll({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard (WCAG 2.1.1)
    <div class="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}

// ---------------------------------------------------------------- section 二

/** Section 二 as its four sub-tables, each captioned with its item of 条例第二十条. */
export function SectionTwoTables({ report, idPrefix = 'ar', highlight }: TableProps) {
  const p = `${idPrefix}-2`;
  return (
    <>
      {SECTION_TWO_ITEMS.map((item, i) => {
        const head = `${p}-${i}-h`;
        return (
          <table class="report-table" key={item.item}>
            <caption>{item.item}</caption>
            <thead>
              <tr>
                <th scope="col" id={head}>
                  {SECTION_TWO_ROW_HEADING}
                </th>
                {item.columns.map((c) => (
                  <th scope="col" id={`${p}-${i}-c-${c}`} key={c}>
                    {SECTION_TWO_COLUMN_LABELS[c]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {item.rows.map((row) => (
                <tr key={row}>
                  <th scope="row" id={`${p}-r-${row}`} headers={head}>
                    {SECTION_TWO_ROW_LABELS[row]}
                  </th>
                  {item.columns.map((c) => (
                    <Cell
                      key={c}
                      value={(report.two[row] as Record<string, number>)[c] ?? 0}
                      headers={[`${p}-r-${row}`, `${p}-${i}-c-${c}`]}
                      flagged={highlight?.has(cellKey({ section: '二', row, column: c })) ?? false}
                    />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </>
  );
}

// ---------------------------------------------------------------- section 三

/** The column headers of a section 三 column: 申请人情况 [› 法人或其他组织] › the column. */
function threeColumnHeaders(p: string, c: ReportColumn): string[] {
  const org = c !== 'person' && c !== 'total';
  return [`${p}-c-applicant`, ...(org ? [`${p}-c-org`] : []), `${p}-c-${c}`];
}

/** The row headers of a section 三 row: [三 › category ›] the row. */
function threeRowHeaders(p: string, row: (typeof SECTION_THREE_LAYOUT)[number]): string[] {
  return [
    ...(row.inResults ? [`${p}-r-3`] : []),
    ...(row.category ? [`${p}-r-${safe(row.category.key)}`] : []),
    `${p}-r-${safe(row.key)}`,
  ];
}

export function SectionThreeTable({ report, idPrefix = 'ar', highlight }: TableProps) {
  const p = `${idPrefix}-3`;
  const caption = `${p}-caption`;
  const row = (r: (typeof SECTION_THREE_LAYOUT)[number], first: ComponentChildren) => {
    const span = r.inResults ? (r.category ? 1 : 2) : 3;
    return (
      <tr key={r.key}>
        {first}
        <th scope="row" id={`${p}-r-${safe(r.key)}`} colSpan={span > 1 ? span : undefined}>
          {r.label}
        </th>
        {REPORT_COLUMNS.map((c) => (
          <Cell
            key={c}
            value={report.three[r.key as SectionThreeRowKey][c]}
            headers={[...threeRowHeaders(p, r), ...threeColumnHeaders(p, c)]}
            flagged={highlight?.has(cellKey({ section: '三', row: r.key, column: c })) ?? false}
          />
        ))}
      </tr>
    );
  };
  const before = SECTION_THREE_LAYOUT.filter((r) => !r.inResults && r.key !== '4');
  const results = SECTION_THREE_LAYOUT.filter((r) => r.inResults);
  const after = SECTION_THREE_LAYOUT.filter((r) => r.key === '4');
  return (
    <Scroll labelledBy={caption}>
      <table class="report-table">
        <caption id={caption}>{SECTION_HEADINGS.three.slice(2)}</caption>
        <thead>
          <tr>
            <td colSpan={3} rowSpan={3} class="report-note">
              {SECTION_THREE_NOTE}
            </td>
            <th scope="colgroup" colSpan={REPORT_COLUMNS.length} id={`${p}-c-applicant`}>
              {APPLICANT_HEADING}
            </th>
          </tr>
          <tr>
            <th scope="col" rowSpan={2} id={`${p}-c-person`} headers={`${p}-c-applicant`}>
              {REPORT_COLUMN_NAMES.person}
            </th>
            <th
              scope="colgroup"
              colSpan={REPORT_COLUMNS.length - 2}
              id={`${p}-c-org`}
              headers={`${p}-c-applicant`}
            >
              {ORGANISATION_GROUP_NAME}
            </th>
            <th scope="col" rowSpan={2} id={`${p}-c-total`} headers={`${p}-c-applicant`}>
              {REPORT_COLUMN_NAMES.total}
            </th>
          </tr>
          <tr>
            {REPORT_COLUMNS.filter((c) => c !== 'person' && c !== 'total').map((c) => (
              <th scope="col" key={c} id={`${p}-c-${c}`} headers={`${p}-c-applicant ${p}-c-org`}>
                {REPORT_COLUMN_NAMES[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{before.map((r) => row(r, null))}</tbody>
        <tbody>
          {results.map((r, i) => {
            const cells: ComponentChildren[] = [];
            if (i === 0)
              cells.push(
                <th scope="rowgroup" rowSpan={RESULT_ROW_SPAN} id={`${p}-r-3`} key="g">
                  {RESULTS_LABEL}
                </th>,
              );
            const cat = r.category;
            if (cat && results[i - 1]?.category?.key !== cat.key)
              cells.push(
                <th scope="row" rowSpan={categorySpan(cat.key)} id={`${p}-r-${safe(cat.key)}`} key="c">
                  {cat.label}
                </th>,
              );
            return row(r, cells);
          })}
        </tbody>
        <tbody>{after.map((r) => row(r, null))}</tbody>
      </table>
    </Scroll>
  );
}

// ---------------------------------------------------------------- section 四

export function SectionFourTable({ report, idPrefix = 'ar', highlight }: TableProps) {
  const p = `${idPrefix}-4`;
  const caption = `${p}-caption`;
  const kinds = SECTION_FOUR_ROWS.map((k) => ({ kind: k, ...sectionFourGroup(SECTION_FOUR_ROW_LABELS[k]) }));
  const groups = [...new Set(kinds.map((k) => k.group))];
  const groupId = (g: string) => `${p}-g-${groups.indexOf(g)}`;
  const subId = (k: string) => `${p}-s-${k}`;
  const colId = (k: string, i: number) => `${p}-c-${k}-${i}`;
  const headersOf = (k: (typeof kinds)[number]) => [groupId(k.group), ...(k.sub ? [subId(k.kind)] : [])];
  const colHeads = (k: (typeof kinds)[number]) =>
    SECTION_FOUR_COLUMNS.map((c, i) => (
      <th
        scope="col"
        key={`${k.kind}-${c}`}
        id={colId(k.kind, i)}
        rowSpan={k.sub ? undefined : 2}
        headers={headersOf(k).join(' ')}
      >
        {c}
      </th>
    ));
  return (
    <Scroll labelledBy={caption}>
      <table class="report-table">
        <caption id={caption}>{SECTION_HEADINGS.four.slice(2)}</caption>
        <thead>
          <tr>
            {groups.map((g) => (
              <th
                scope="colgroup"
                key={g}
                id={groupId(g)}
                colSpan={kinds.filter((k) => k.group === g).length * SECTION_FOUR_COLUMNS.length}
              >
                {g}
              </th>
            ))}
          </tr>
          <tr>
            {kinds.map((k) =>
              k.sub ? (
                <th
                  scope="colgroup"
                  key={k.kind}
                  id={subId(k.kind)}
                  colSpan={SECTION_FOUR_COLUMNS.length}
                  headers={groupId(k.group)}
                >
                  {k.sub}
                </th>
              ) : (
                colHeads(k)
              ),
            )}
          </tr>
          <tr>{kinds.filter((k) => k.sub).map(colHeads)}</tr>
        </thead>
        <tbody>
          <tr>
            {kinds.flatMap((k) =>
              SECTION_FOUR_COLUMNS.map((c, i) => (
                <Cell
                  key={`${k.kind}-${c}`}
                  value={report.four[k.kind][c]}
                  headers={[...headersOf(k), colId(k.kind, i)]}
                  flagged={highlight?.has(cellKey({ section: '四', row: k.kind, column: c })) ?? false}
                />
              )),
            )}
          </tr>
        </tbody>
      </table>
    </Scroll>
  );
}

// ---------------------------------------------------------------- the report

function Text({ text }: { text: string | undefined }) {
  const paragraphs = textParagraphs(text);
  if (!paragraphs.length) return <p class="hint">（未填写）</p>;
  return (
    <div class="rich-text">
      {paragraphs.map((para, i) => (
        <p key={i}>
          {para.split('\n').map((line, j) => (
            <Fragment key={j}>
              {j > 0 && <br />}
              {line}
            </Fragment>
          ))}
        </p>
      ))}
    </div>
  );
}

function Section(p: { id: string; heading: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={p.id}>
      <h2 id={p.id}>{p.heading}</h2>
      {p.children}
    </section>
  );
}

/** The whole report: title, the six sections, texts as escaped paragraphs and the three tables. */
export function ReportDocument(p: {
  report: AnnualReportData;
  title?: string;
  idPrefix?: string;
  highlight?: Set<string>;
}) {
  const { report } = p;
  const id = p.idPrefix ?? 'ar';
  const tables = { report, idPrefix: id, ...(p.highlight ? { highlight: p.highlight } : {}) };
  return (
    <article class="annual-report" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{p.title ?? reportTitle(report)}</h1>
      <Section id={`${id}-s1`} heading={SECTION_HEADINGS.overview}>
        <Text text={report.texts?.overview} />
      </Section>
      <Section id={`${id}-s2`} heading={SECTION_HEADINGS.two}>
        <SectionTwoTables {...tables} />
      </Section>
      <Section id={`${id}-s3`} heading={SECTION_HEADINGS.three}>
        <SectionThreeTable {...tables} />
      </Section>
      <Section id={`${id}-s4`} heading={SECTION_HEADINGS.four}>
        <SectionFourTable {...tables} />
      </Section>
      <Section id={`${id}-s5`} heading={SECTION_HEADINGS.problems}>
        <Text text={report.texts?.problems} />
      </Section>
      <Section id={`${id}-s6`} heading={SECTION_HEADINGS.other}>
        <Text text={report.texts?.other} />
      </Section>
    </article>
  );
}
