import sanitizeHtml from 'sanitize-html';

/**
 * Document bodies are sanitised rich text (issue 3). Staff paste HTML (or type plain text, which
 * becomes paragraphs); what is stored is always the output of `toSafeHtml`, an allow-list of
 * structural tags with no scripts, styles, event handlers or dangerous URLs. Screening and search
 * read the text (`htmlToText`), never the markup, and masking a finding edits the text inside the
 * markup (`maskHtmlText`) so the tags around it survive.
 */

const SPAN = /^[1-9]\d?$/;
const SCOPES = new Set(['row', 'col', 'rowgroup', 'colgroup']);

/** A table cell keeps colspan/rowspan only when they are small positive integers. */
function cell(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const out: sanitizeHtml.Attributes = {};
  for (const k of ['colspan', 'rowspan'] as const) {
    const v = attribs[k]?.trim();
    if (v && SPAN.test(v)) out[k] = v;
  }
  const scope = attribs.scope?.trim().toLowerCase();
  if (tagName === 'th' && scope && SCOPES.has(scope)) out.scope = scope;
  return { tagName, attribs: out };
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'strong',
    'em',
    'ul',
    'ol',
    'li',
    'table',
    'caption',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'a',
    'blockquote',
  ],
  allowedAttributes: {
    a: ['href', 'rel'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'iframe', 'object'],
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    b: 'strong',
    i: 'em',
    th: cell,
    td: cell,
    // Links leave the site without handing it the reader's session or the page as referrer.
    a: (tagName, attribs): sanitizeHtml.Tag => ({
      tagName,
      attribs: attribs.href ? { href: attribs.href, rel: 'noopener noreferrer nofollow' } : {},
    }),
  },
  // An <a> whose href was refused is just text.
  exclusiveFilter: (frame) => (frame.tag === 'a' && !frame.attribs.href ? 'excludeTag' : false),
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Tag names that mark input as HTML; plain text such as "a <b c> d" is not taken for markup. */
const HTML_TAG =
  /<\/?(p|br|hr|div|span|font|section|article|h[1-6]|strong|em|b|i|u|s|sub|sup|ul|ol|li|dl|dt|dd|table|caption|thead|tbody|tfoot|tr|th|td|col|colgroup|a|blockquote|pre|code|img|script|style|iframe|object|embed|svg|math|form|input|button|textarea|select|link|meta|base|html|head|body|title|noscript|template|video|audio|source)(\s[^<>]*)?\/?>/i;

/** Does the text contain markup? Plain text, even with a stray "<", does not. */
export function looksLikeHtml(s: string): boolean {
  return HTML_TAG.test(s);
}

/** Plain text as paragraphs: a blank line starts a paragraph, a single line break stays a <br>. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br />')}</p>`)
    .join('\n');
}

/** The only HTML a document body may hold: sanitised markup, or plain text turned into paragraphs. */
export function toSafeHtml(input: string): string {
  if (!looksLikeHtml(input)) return textToHtml(input);
  const out = sanitizeHtml(input, OPTIONS).trim();
  // Markup reduced to bare (escaped) text still gets a paragraph: a stored body always has tags.
  return out && !looksLikeHtml(out) ? `<p>${out}</p>` : out;
}

/*
 * Rendering. Sanitising a 16 KB body costs about 3 ms, too much for every uncached page view, and
 * stored bodies were sanitised when they were saved. So a body is rendered as stored only when a
 * strict scan finds nothing but markup the sanitiser itself writes (the allow-list tags, links
 * with a safe target, cells with numeric spans); anything else goes through the sanitiser again.
 */
const PLAIN_TAG = /^<\/?(p|h2|h3|h4|strong|em|ul|ol|li|table|caption|thead|tbody|tr|blockquote)>$/;
const CLOSE_TAG = /^<\/(a|th|td)>$/;
const BR_TAG = /^<br ?\/?>$/;
const CELL_TAG = /^<(td|th)( (colspan|rowspan)="[1-9]\d?"| scope="(row|col|rowgroup|colgroup)")*>$/;
const LINK_TAG = /^<a href="([^"<>\s]*)" rel="noopener noreferrer nofollow">$/;
/** A link target as the sanitiser leaves it: no references but &amp;, a scheme only if allowed. */
function safeHref(href: string): boolean {
  if (/&(?!amp;)/.test(href)) return false;
  const scheme = /^([^/?#]*):/.exec(href);
  return !scheme || /^(https?|mailto)$/i.test(scheme[1]!);
}

/** Does this stored body hold only markup the sanitiser writes? (Plain text has no tags at all.) */
export function isSanitisedHtml(html: string): boolean {
  for (const m of html.matchAll(/<[^>]*>?/g)) {
    const tag = m[0];
    if (PLAIN_TAG.test(tag) || CLOSE_TAG.test(tag) || BR_TAG.test(tag) || CELL_TAG.test(tag)) continue;
    const link = LINK_TAG.exec(tag);
    if (link && safeHref(link[1]!)) continue;
    return false;
  }
  // Character references in text cannot make markup; in link targets safeHref checked them.
  return true;
}

/** The HTML to render for a stored body: as stored when it is sanitiser output, else sanitised now. */
export function renderableHtml(body: string): string {
  if (!looksLikeHtml(body)) return textToHtml(body);
  return isSanitisedHtml(body) ? body : toSafeHtml(body);
}

/*
 * Text extraction with a map back to the markup. Input is sanitised HTML (our own output), so a
 * small tokenizer is enough: tags, text and character references. Anything unexpected ("<" that
 * opens no tag, "&" that starts no reference) is read as text.
 */

const BLOCK = new Set([
  'p',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'table',
  'caption',
  'thead',
  'tbody',
  'tr',
  'blockquote',
  'div',
]);
const CELL = new Set(['td', 'th']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

interface Extraction {
  text: string;
  /** Per UTF-16 unit of `text`: the markup range it came from; null for inserted separators. */
  from: ([number, number] | null)[];
}

/** A character reference at `i` (&amp; &#25991; …): its text and where it ends, or undefined. */
function reference(html: string, i: number): { decoded: string; end: number } | undefined {
  const m = /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/.exec(html.slice(i, i + 12));
  const ref = m?.[1];
  if (!m || !ref) return undefined;
  let decoded: string | undefined;
  if (ref.startsWith('#')) {
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    decoded = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  } else decoded = NAMED[ref];
  return decoded === undefined ? undefined : { decoded, end: i + m[0].length };
}

export interface TextOptions {
  /** Include link targets (href values) in the text: screening must see them, readers do not. */
  links?: boolean;
}

function extract(html: string, options: TextOptions = {}): Extraction {
  let text = '';
  const from: ([number, number] | null)[] = [];
  const separate = (sep: string) => {
    if (text === '' || text.endsWith('\n') || (sep === ' ' && /\s$/.test(text))) return;
    text += sep;
    from.push(null);
  };
  /** Text (or an attribute value) from `i` to `stop`, each character mapped to its markup. */
  const take = (start: number, stop: number) => {
    let i = start;
    while (i < stop) {
      const ref = html[i] === '&' ? reference(html, i) : undefined;
      if (ref) {
        for (let k = 0; k < ref.decoded.length; k += 1)
          from.push(k === 0 ? [i, ref.end] : [ref.end, ref.end]);
        text += ref.decoded;
        i = ref.end;
        continue;
      }
      text += html[i];
      from.push([i, i + 1]);
      i += 1;
    }
  };
  let i = 0;
  while (i < html.length) {
    const next = html.indexOf('<', i);
    const stop = next === -1 ? html.length : next;
    take(i, stop);
    i = stop;
    if (i >= html.length) break;
    const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>/.exec(html.slice(i, i + 2000));
    if (!m) {
      take(i, i + 1);
      i += 1;
      continue;
    }
    const name = m[2]!.toLowerCase();
    if (name === 'br') {
      text += '\n';
      from.push(null);
    } else if (BLOCK.has(name)) separate('\n');
    else if (CELL.has(name) && m[1]) separate(' ');
    else if (name === 'a' && !m[1] && options.links) {
      // A link target is published too (mailto:, ?id=…): screening reads it, set apart by spaces.
      const href = /\shref="([^"]*)"/.exec(m[0]);
      if (href?.[1]) {
        separate(' ');
        const at = i + href.index + href[0].indexOf('"') + 1;
        take(at, at + href[1].length);
        text += ' ';
        from.push(null);
      }
    }
    i += m[0].length;
  }
  // Trailing separators carry no text.
  while (text.endsWith('\n') || text.endsWith(' ')) {
    if (from.at(-1) !== null) break;
    text = text.slice(0, -1);
    from.pop();
  }
  return { text, from };
}

/** The readable text of a body (search, summaries); with `links` also the link targets (screening). */
export function htmlToText(html: string, options: TextOptions = {}): string {
  return extract(html, options).text;
}

/**
 * Replace the text at [start, end) of `htmlToText(html)` with `replacement`, inside the markup:
 * the replacement takes the place of the first character and the others are removed, so tags
 * between them (e.g. <strong>) stay. Returns undefined when the range holds no text.
 */
export function maskHtmlText(
  html: string,
  start: number,
  end: number,
  replacement: string,
  options: TextOptions = {},
): string | undefined {
  const { from } = extract(html, options);
  const ranges = from.slice(start, end).filter((r): r is [number, number] => r !== null && r[1] > r[0]);
  const first = ranges[0];
  if (!first) return undefined;
  let out = html;
  for (const [s, e] of ranges.slice(1).reverse()) out = out.slice(0, s) + out.slice(e);
  return out.slice(0, first[0]) + escapeHtml(replacement) + out.slice(first[1]);
}
