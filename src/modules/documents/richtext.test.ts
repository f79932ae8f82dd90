import { describe, expect, it } from 'vitest';
import {
  htmlToText,
  isSanitisedHtml,
  looksLikeHtml,
  maskHtmlText,
  renderableHtml,
  textToHtml,
  toSafeHtml,
} from './richtext.js';
import { screenText } from './screening.js';

describe('toSafeHtml', () => {
  it('turns plain text into escaped paragraphs: blank line = paragraph, line break = <br />', () => {
    expect(toSafeHtml('第一段\n第二行\n\n第二段 a < b & c')).toBe(
      '<p>第一段<br />第二行</p>\n<p>第二段 a &lt; b &amp; c</p>',
    );
    expect(textToHtml('\r\n  \r\n一\r\n\u3000\r\n二')).toBe('<p>一</p>\n<p>二</p>');
    expect(looksLikeHtml('面积 <100 平方米> 以内')).toBe(false);
    expect(looksLikeHtml('<P class="x">段落</P>')).toBe(true);
  });

  it('keeps the allow-list: paragraphs, headings, emphasis, lists, tables, quotes, links', () => {
    const html =
      '<h2>一</h2><h3>二</h3><h4>三</h4><p>a<br>b <strong>粗</strong> <em>斜</em></p><ul><li>x</li></ul><ol><li>y</li></ol>' +
      '<blockquote>引</blockquote><table><caption>表</caption><thead><tr><th colspan="2" scope="col">头</th></tr></thead>' +
      '<tbody><tr><td rowspan="2">格</td><td>格</td></tr></tbody></table>';
    expect(toSafeHtml(html)).toBe(html.replace('<br>', '<br />'));
  });

  it('maps other headings and b/i onto the allow-list and drops everything else but the text', () => {
    expect(
      toSafeHtml('<h1>大</h1><h6>小</h6><b>b</b><i>i</i><div><span style="color:red">文字</span></div>'),
    ).toBe('<h2>大</h2><h4>小</h4><strong>b</strong><em>i</em>文字');
  });

  it.each([
    ['<p>a<script>alert(1)</script>b</p>', '<p>ab</p>'],
    ['<p><img src=x onerror="alert(1)">b</p>', '<p>b</p>'],
    ['<p onclick="alert(1)" style="x" class="y" id="z">b</p>', '<p>b</p>'],
    ['<a href="javascript:alert(1)">点</a>', '<p>点</p>'],
    ['<a href="JaVaScRiPt:alert(1)">点</a>', '<p>点</p>'],
    ['<a href="java&#x09;script:alert(1)">点</a>', '<p>点</p>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">点</a>', '<p>点</p>'],
    ['<a href="vbscript:x">点</a>', '<p>点</p>'],
    ['<a href="//evil.example/x">点</a>', '<p>点</p>'],
    ['<iframe src="https://evil.example"></iframe><p>b</p>', '<p>b</p>'],
    ['<style>p{color:red}</style><p>b</p>', '<p>b</p>'],
    ['<svg><script>alert(1)</script></svg><p>b</p>', '<p>b</p>'],
    ['<form action="/x"><input name="a"><button>按</button></form>', '<p>按</p>'],
    ['<p>b</p><!-- <script>alert(1)</script> -->', '<p>b</p>'],
    ['<th scope="javascript">x</th><td colspan="999" rowspan="x">y</td>', '<th>x</th><td>y</td>'],
  ])('removes the dangerous part of %s', (input, out) => {
    expect(toSafeHtml(input)).toBe(out);
  });

  it('keeps http, https, mailto and relative links, each with rel="noopener noreferrer nofollow"', () => {
    const rel = 'rel="noopener noreferrer nofollow"';
    expect(toSafeHtml('<a href="https://www.gov.cn/" target="_blank" rel="opener">国</a>')).toBe(
      `<a href="https://www.gov.cn/" ${rel}>国</a>`,
    );
    expect(toSafeHtml('<a href="http://a.example/">a</a>')).toBe(`<a href="http://a.example/" ${rel}>a</a>`);
    expect(toSafeHtml('<a href="mailto:gk@example.gov.cn">信</a>')).toBe(
      `<a href="mailto:gk@example.gov.cn" ${rel}>信</a>`,
    );
    expect(toSafeHtml('<a href="/documents/3">文</a>')).toBe(`<a href="/documents/3" ${rel}>文</a>`);
    expect(toSafeHtml('<a name="x">无链接</a>')).toBe('<p>无链接</p>');
  });

  it('is idempotent: sanitising stored output changes nothing', () => {
    for (const s of ['<p>a &amp; b &lt;c&gt; "d"</p>', textToHtml('x\n\ny <z>'), '<p><a href="/a">x</a></p>'])
      expect(toSafeHtml(toSafeHtml(s))).toBe(toSafeHtml(s));
  });
});

describe('renderableHtml (stored bodies render as stored only when they are sanitiser output)', () => {
  const DIRTY = [
    '<p>a<script>alert(1)</script>b</p>',
    '<p><img src=x onerror="alert(1)">b</p>',
    '<p onclick="alert(1)">b</p>',
    '<a href="javascript:alert(1)" rel="noopener noreferrer nofollow">x</a>',
    '<a href="JAVASCRIPT:alert(1)" rel="noopener noreferrer nofollow">x</a>',
    '<a href="javascript&#58;alert(1)" rel="noopener noreferrer nofollow">x</a>',
    '<a href="java\tscript:alert(1)" rel="noopener noreferrer nofollow">x</a>',
    '<a href="data:text/html,x" rel="noopener noreferrer nofollow">x</a>',
    '<a href="/x">no rel</a>',
    '<a href="/x" rel="noopener noreferrer nofollow" onmouseover="x()">x</a>',
    '<td colspan="2" onclick="x()">x</td>',
    '<th scope="javascript">x</th>',
    '<p>x</p><!-- <script>alert(1)</script> -->',
    '<style>p{}</style><p>x</p>',
    '<p>x</p><iframe src="https://evil.example"></iframe>',
    '<p>unclosed <p',
  ];

  it.each(DIRTY)('does not trust %s and renders it sanitised', (html) => {
    expect(isSanitisedHtml(html)).toBe(false);
    expect(renderableHtml(html)).toBe(toSafeHtml(html));
  });

  it('trusts everything the sanitiser writes', () => {
    const samples = [
      ...DIRTY,
      '<h1>T</h1><table><tr><th scope="col" colspan="2">a</th><td rowspan="3">b</td></tr></table>',
      '<p>a<br>b &amp; <a href="https://www.gov.cn/?a=1&b=2">gov</a> <a href="mailto:x@example.gov.cn">m</a></p>',
      '<ul><li><strong>x</strong></li></ul><ol><li><em>y</em></li></ol><blockquote>z</blockquote>',
      textToHtml('第一段\n\n第二段 <a> & "b"'),
    ];
    for (const s of samples) {
      const clean = toSafeHtml(s);
      expect(isSanitisedHtml(clean), clean).toBe(true);
      expect(renderableHtml(clean)).toBe(clean);
    }
  });

  it('renders legacy plain text as paragraphs', () => {
    expect(renderableHtml('一\n\n二 <3')).toBe('<p>一</p>\n<p>二 &lt;3</p>');
  });
});

describe('htmlToText', () => {
  it('reads the text: blocks on their own lines, <br> as a line break, cells apart, references decoded', () => {
    expect(htmlToText('<h2>标题</h2><p>一<br />二</p><ul><li>甲</li><li>乙</li></ul>')).toBe(
      '标题\n一\n二\n甲\n乙',
    );
    expect(htmlToText('<table><tr><td>13800138000</td><td>13900139000</td></tr></table>')).toBe(
      '13800138000 13900139000',
    );
    expect(htmlToText('<p>a &amp; b &lt;c&gt; &quot;d&quot; &#25991; &#x6587;</p>')).toBe(
      'a & b <c> "d" 文 文',
    );
  });

  it('reads plain-text paragraphs back as the text they came from', () => {
    const text = '第一段第一行\n第一行之后\n\n第二段';
    expect(htmlToText(textToHtml(text))).toBe(text);
  });

  it('lets screening find personal data split by markup, and not markup digits', () => {
    const html = toSafeHtml(
      '<p>身份证号 <strong>110101</strong>19900307<em>0014</em>，电话<a href="/x13800138000">见此</a></p>',
    );
    const found = screenText(htmlToText(html), 'body', { today: new Date('2026-01-01') });
    expect(found.map((f) => f.kind)).toEqual(['id_card']);
  });
});

describe('link targets (screening reads them, readers do not)', () => {
  const html = toSafeHtml('<p>请联系<a href="mailto:zhang.san@qq.com?subject=a&amp;b">张先生</a>。</p>');

  it('leaves them out of the readable text and puts them, set apart, into the screening text', () => {
    expect(htmlToText(html)).toBe('请联系张先生。');
    expect(htmlToText(html, { links: true })).toBe('请联系 mailto:zhang.san@qq.com?subject=a&b 张先生。');
    const found = screenText(htmlToText(html, { links: true }), 'body');
    expect(found.map((f) => [f.kind, f.text])).toEqual([['email', 'zhang.san@qq.com']]);
  });

  it('masks inside the attribute, escaped, leaving the link text alone', () => {
    const text = htmlToText(html, { links: true });
    const start = text.indexOf('zhang');
    const masked = maskHtmlText(html, start, start + 'zhang.san@qq.com'.length, 'zh***"@qq.com', {
      links: true,
    });
    expect(masked).toBe(
      '<p>请联系<a href="mailto:zh***&quot;@qq.com?subject=a&amp;b" rel="noopener noreferrer nofollow">张先生</a>。</p>',
    );
  });
});

describe('maskHtmlText', () => {
  it('replaces the found text inside the markup and keeps the tags around it', () => {
    const html = '<p>身份证号 <strong>110101</strong>19900307<em>0014</em>。</p>';
    const text = htmlToText(html);
    const start = text.indexOf('110101');
    const masked = maskHtmlText(html, start, start + 18, '110101********0014');
    expect(masked).toBe('<p>身份证号 <strong>110101********0014</strong><em></em>。</p>');
    expect(htmlToText(masked!)).toBe('身份证号 110101********0014。');
  });

  it('escapes the replacement and counts a character reference as one character', () => {
    const html = '<p>a&amp;b 13800138000</p>';
    const text = htmlToText(html);
    expect(text).toBe('a&b 13800138000');
    expect(maskHtmlText(html, 4, 15, '138<>0000')).toBe('<p>a&amp;b 138&lt;&gt;0000</p>');
  });

  it('refuses a range that holds no text', () => {
    expect(maskHtmlText('<p>a</p><p>b</p>', 1, 2, 'x')).toBeUndefined();
  });
});
