// Portal journeys for bin/e2e.js (issue 3): a visitor goes home → a column → a policy document →
// its 政策解读 → back to the policy, in normal and in care mode, with axe-core clean on every step;
// and the machine-readable pages (RSS, Atom, sitemap.xml, robots.txt) answer with the right type
// and parse as XML in the browser.

/** The public pages of the portal that bin/e2e.js scans in both modes (besides discovered ones). */
export function portalPages(base, year) {
  return [
    `${base}/xxgk/tzgg`,
    `${base}/xxgk/zcwj`,
    `${base}/xxgk/jgzn`,
    `${base}/xxgk/ldxx`,
    `${base}/xxgk/nsjg`,
    `${base}/xxgk/xsdw`,
    `${base}/xxgk/lxfs`,
    `${base}/xxgk/jgxx`,
    `${base}/xxgk?year=${year}`,
    `${base}/xxgk?topic=${encodeURIComponent('国土资源、能源')}&year=${year}`,
    `${base}/xxgk/tdgy?validity=valid`,
    `${base}/apply/fees`,
    `${base}/apply/fees?method=piece&count=35&already=0`,
    `${base}/apply/fees?method=volume&pages=2219`,
    `${base}/apply`,
    `${base}/apply/form`,
    `${base}/apply/status`,
    `${base}/apply/deadline?receivedOn=2024-09-27`,
  ];
}

/** The XML and text resources: path, expected content type, root element (null: not XML). */
const MACHINE_READABLE = [
  ['/xxgk/feed.rss', 'application/rss+xml', 'rss'],
  ['/xxgk/feed.atom', 'application/atom+xml', 'feed'],
  ['/xxgk/tzgg/feed.rss', 'application/rss+xml', 'rss'],
  ['/xxgk/zcwj/feed.atom', 'application/atom+xml', 'feed'],
  ['/sitemap.xml', 'application/xml', 'urlset'],
  ['/robots.txt', 'text/plain', null],
];

/** Feeds, sitemap and robots.txt: HTTP 200, content type, well-formed XML with the right root. */
export async function machineReadableChecks(browser, base, h) {
  h.section('Feeds, sitemap.xml and robots.txt');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    for (const [path, type, root] of MACHINE_READABLE) {
      const res = await fetch(`${base}${path}`);
      const body = await res.text();
      h.check(`${path}: HTTP 200`, res.status === 200, `got HTTP ${res.status}`);
      const ct = res.headers.get('content-type') ?? '';
      h.check(`${path}: Content-Type ${type}`, ct.startsWith(type), `got ${ct}`);
      if (root) {
        const parsed = await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, 'application/xml');
          const error = doc.getElementsByTagName('parsererror')[0];
          return {
            error: error ? error.textContent : null,
            root: doc.documentElement.localName,
            links: [...doc.querySelectorAll('loc, link')].map((l) => l.textContent || l.getAttribute('href')),
          };
        }, body);
        h.check(`${path}: parses as XML`, parsed.error === null, parsed.error ?? '');
        h.check(`${path}: root element <${root}>`, parsed.root === root, `got <${parsed.root}>`);
        const relative = parsed.links.filter((l) => l && !/^https?:\/\//.test(l));
        h.check(`${path}: every link is absolute`, relative.length === 0, relative.slice(0, 5).join('\n'));
      } else {
        h.check(`${path}: names the sitemap`, body.includes(`Sitemap: ${base}/sitemap.xml`), body);
      }
    }
  } finally {
    await context.close();
  }
}

async function step(page, name, h, mode) {
  await h.axeCheck(page, `${name} [${mode}]`);
  if (mode === 'care') {
    const care = await page.evaluate(() => document.body.classList.contains('care'));
    h.check(`${name} [care]: still in 关爱版`, care, page.url());
  }
}

/** Click the first match and wait for the next page: it must answer HTTP 200. */
async function click(page, locator, name, h) {
  if (!h.check(`${name}: link present`, (await locator.count()) > 0, page.url())) return false;
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.first().click()]);
  return h.check(`${name}: HTTP 200`, res?.status() === 200, `${page.url()}: HTTP ${res?.status()}`);
}

/**
 * Home → the 政策文件 column → its 行政规范性文件 sub-column → the newest policy → its 政策解读 →
 * the link back to the policy. Only clicks, as a visitor would; axe-core on every page.
 */
export async function policyJourney(browser, base, mode, h) {
  h.section(`Journey: home → column → policy → interpretation → policy [${mode}]`);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const home = await page.goto(mode === 'care' ? `${base}/?mode=care` : `${base}/`);
    if (!h.check(`home [${mode}]: HTTP 200`, home?.status() === 200, `HTTP ${home?.status()}`)) return;
    await step(page, 'home', h, mode);
    if (!(await click(page, page.locator('#h-col-zcwj a'), 'home → 政策文件 column', h))) return;
    h.check('column page is /xxgk/zcwj', new URL(page.url()).pathname === '/xxgk/zcwj', page.url());
    await step(page, 'column 政策文件', h, mode);
    const sub = page.locator('nav.facets a', { hasText: /^行政规范性文件$/ });
    if (!(await click(page, sub, 'column → 行政规范性文件', h))) return;
    await step(page, 'column 行政规范性文件', h, mode);
    if (!(await click(page, page.locator('main ul.list a[href^="/documents/"]'), 'column → policy', h)))
      return;
    const policyUrl = new URL(page.url()).pathname;
    await step(page, 'policy document', h, mode);
    const interp = page.locator('section[aria-labelledby="h-interpretations"] a[href^="/documents/"]');
    if (!(await click(page, interp, 'policy → its 政策解读', h))) return;
    await step(page, 'interpretation', h, mode);
    const back = page.locator(`section[aria-labelledby="h-interprets"] a[href="${policyUrl}"]`);
    if (!(await click(page, back, 'interpretation → back to the policy', h))) return;
    h.check(
      'the back link leads to the same policy',
      new URL(page.url()).pathname === policyUrl,
      `${page.url()} ≠ ${policyUrl}`,
    );
    await step(page, 'policy again', h, mode);
  } finally {
    await context.close();
  }
}
