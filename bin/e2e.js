#!/usr/bin/env node
// End-to-end accessibility and 关爱版 checks in a real browser (`npm run test:e2e`).
//
// Starts the server on a free port with a throw-away SQLite DATA_DIR, drives Debian's Chromium
// through playwright-core, and for every public page, in normal mode and in care mode (?mode=care):
// runs axe-core (WCAG 2.0/2.1 A and AA), checks html lang, the government-website meta tags, the
// skip link, and in care mode the text size and line height. Then the no-JavaScript 关爱版 toggle
// journey and a console login journey. Prints `e2e: N passed, M failed` and exits non-zero on any
// failure or crash. Screenshots of the home page go to test-results/.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), E2E_TIMEOUT_MS (default 300000),
// E2E_KEEP_DATA=1 keeps the temp DATA_DIR.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { applicationWorkflowJourney, applyJourney } from '../test/e2e/apply-journey.js';
import { machineReadableChecks, policyJourney, portalPages } from '../test/e2e/portal-journey.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require_ = (await import('node:module')).createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require_.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const META_NAMES = ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'PubDate'];
const PUBDATE_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const MAX_DETAIL_PAGES = 5;
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 300_000);
const RESULTS_DIR = path.join(ROOT, 'test-results');

// ---------------------------------------------------------------------------------------------
// Bookkeeping

let passed = 0;
let failed = 0;
const failures = [];
/** Meta tags present but empty somewhere (e.g. SiteIDCode before the site settings are filled in). */
const emptyMeta = new Set();

function pass(name) {
  passed++;
  console.log(`  ✓ ${name}`);
}

function fail(name, detail = '') {
  failed++;
  failures.push(name);
  console.log(`  ✗ ${name}${detail ? `\n${indent(detail, 6)}` : ''}`);
}

function check(name, ok, detail = '') {
  if (ok) pass(name);
  else fail(name, detail);
  return ok;
}

function indent(text, n) {
  const pad = ' '.repeat(n);
  return String(text)
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

function section(title) {
  console.log(`\n${title}`);
}

// ---------------------------------------------------------------------------------------------
// Server

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'SESSION_SECRET', 'DATA_KEY', 'GONGKAI_ROLE', 'TRUST_PROXY'])
    delete env[k];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BASE_URL: baseUrl,
    SEED_DEMO: 'true',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
  });
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/gongkai.js'), 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const server = {
    child,
    baseUrl,
    dataDir,
    output: () => output,
    exited: () => exited,
    async stop() {
      if (exited || child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(
        `server exited before it was ready (${JSON.stringify(exited)}):\n${indent(output.slice(-4000), 2)}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) {
        console.log(`server ready at ${baseUrl} in ${Date.now() - started} ms (DATA_DIR ${dataDir})`);
        return server;
      }
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await server.stop();
  throw new Error(`server not ready within 60 s:\n${indent(output.slice(-4000), 2)}`);
}

// ---------------------------------------------------------------------------------------------
// Page checks

function withMode(url, mode) {
  const u = new URL(url);
  if (mode === 'care') u.searchParams.set('mode', 'care');
  return u.toString();
}

function label(url) {
  const u = new URL(url);
  return decodeURI(`${u.pathname}${u.search}`);
}

async function runAxe(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  // The site's CSP forbids inline scripts: evaluate the source through the DevTools protocol.
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '),
        html: n.html,
        summary: n.failureSummary,
      })),
    }));
  }, AXE_TAGS);
}

function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map(
          (n) =>
            `- target: ${n.target}\n  html: ${n.html.replace(/\s+/g, ' ').slice(0, 300)}\n${indent(
              (n.summary ?? '').trim(),
              2,
            )}`,
        )
        .join('\n');
      return `[${v.id}] impact=${v.impact} — ${v.help}\n  ${v.helpUrl}\n${indent(nodes, 2)}`;
    })
    .join('\n');
}

async function axeCheck(page, name) {
  const violations = await runAxe(page);
  return check(
    `${name}: axe (${AXE_TAGS.join(', ')}) finds no violations`,
    violations.length === 0,
    `${violations.length} violation(s):\n${formatViolations(violations)}`,
  );
}

/** Press Tab once on a freshly loaded page: the skip link to #main must take the focus. */
async function skipLinkCheck(page, name) {
  await page.evaluate(() => {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  });
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return el ? { tag: el.tagName, href: el.getAttribute('href'), text: el.textContent?.trim() } : null;
  });
  return check(
    `${name}: the first Tab focuses the skip link to #main`,
    focused?.href === '#main',
    `focused: ${JSON.stringify(focused)}`,
  );
}

async function metaCheck(page, name) {
  const metas = await page.evaluate(
    (names) =>
      Object.fromEntries(
        names.map((n) => {
          const el = document.querySelector(`meta[name="${n}"]`);
          return [n, el ? el.getAttribute('content') : null];
        }),
      ),
    META_NAMES,
  );
  const missing = META_NAMES.filter((n) => metas[n] === null);
  check(
    `${name}: meta ${META_NAMES.join(', ')} present`,
    missing.length === 0,
    `missing: ${missing.join(', ')}`,
  );
  check(
    `${name}: meta PubDate is "YYYY-MM-DD HH:mm"`,
    typeof metas.PubDate === 'string' && PUBDATE_RE.test(metas.PubDate),
    `PubDate content: ${JSON.stringify(metas.PubDate)}`,
  );
  for (const n of META_NAMES) if (metas[n] === '') emptyMeta.add(n);
}

async function careTypographyCheck(page, name) {
  const t = await page.evaluate(() => {
    const cs = getComputedStyle(document.body);
    return {
      bodyClass: document.body.className,
      fontSize: Number.parseFloat(cs.fontSize),
      lineHeight: cs.lineHeight,
    };
  });
  check(`${name}: body has class "care"`, /\bcare\b/.test(t.bodyClass), `body class: "${t.bodyClass}"`);
  check(`${name}: body font-size ≥ 18px`, t.fontSize >= 18, `computed font-size: ${t.fontSize}px`);
  const lh = t.lineHeight === 'normal' ? Number.NaN : Number.parseFloat(t.lineHeight);
  check(
    `${name}: body line-height ≥ 1.5 × font-size`,
    lh >= 1.5 * t.fontSize - 0.01,
    `computed line-height: ${t.lineHeight} (font-size ${t.fontSize}px, needs ≥ ${1.5 * t.fontSize}px)`,
  );
}

/** Load a page and run every per-page check. Returns the HTTP status (0 when nothing answered). */
async function scanPage(context, url, mode, { kind, allowMissing = false, allowStatus = 200 }) {
  const name = `${label(url)} [${mode}]`;
  const page = await context.newPage();
  try {
    const res = await page.goto(url, { waitUntil: 'load' });
    const status = res?.status() ?? 0;
    if (status !== allowStatus) {
      if (allowMissing) {
        console.log(`  - ${name}: HTTP ${status}, skipped (not built yet)`);
        return status;
      }
      fail(`${name}: HTTP ${allowStatus}`, `got HTTP ${status}`);
      return status;
    }
    pass(`${name}: HTTP ${allowStatus}`);
    const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
    check(`${name}: <html lang="zh-CN">`, lang === 'zh-CN', `lang=${JSON.stringify(lang)}`);
    if (kind === 'portal') await metaCheck(page, name);
    if (mode === 'care') await careTypographyCheck(page, name);
    if (mode === 'normal' && kind === 'portal') {
      const toggle = await page.locator('a', { hasText: /^\s*关爱版\s*$/ }).count();
      check(`${name}: 关爱版 toggle link present`, toggle > 0, 'no link whose text is 关爱版');
    }
    await skipLinkCheck(page, name);
    await axeCheck(page, name);
    return status;
  } finally {
    await page.close();
  }
}

async function discoverLinks(context, listUrl, pattern) {
  const page = await context.newPage();
  try {
    const res = await page.goto(listUrl, { waitUntil: 'load' });
    if (res?.status() !== 200) return [];
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
    const seen = new Set();
    for (const href of hrefs) {
      const u = new URL(href, listUrl);
      if (u.origin === new URL(listUrl).origin && pattern.test(u.pathname)) seen.add(u.pathname);
    }
    return [...seen].slice(0, MAX_DETAIL_PAGES).map((p) => new URL(p, listUrl).toString());
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Journeys

/** Without JavaScript: click 关爱版 on the home page → care mode; the next page remembers it. */
async function careToggleJourney(browser, baseUrl) {
  section('关爱版 toggle without JavaScript');
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    const bodyClass = () => page.evaluate(() => document.body.className).catch(() => null);
    // page.evaluate runs even when the page's own scripts are disabled.
    check(
      'home starts in normal mode',
      !/\bcare\b/.test((await bodyClass()) ?? ''),
      `body class: ${await bodyClass()}`,
    );
    const toggle = page.locator('a', { hasText: /^\s*关爱版\s*$/ }).first();
    if (!check('关爱版 link present on home', (await toggle.count()) > 0)) return;
    await Promise.all([page.waitForLoadState('load'), toggle.click()]);
    await page.waitForLoadState('load');
    check(
      'clicking 关爱版 (no JS) → body.care',
      /\bcare\b/.test((await bodyClass()) ?? ''),
      `url ${page.url()}, body class: ${await bodyClass()}`,
    );
    const cookies = await context.cookies();
    check(
      'care mode remembered in a cookie',
      cookies.some((c) => c.value === 'care'),
      `cookies: ${cookies.map((c) => `${c.name}=${c.value}`).join('; ') || '(none)'}`,
    );
    // Follow a plain link (no ?mode in it) to the next page.
    const next = page.locator('nav.main-nav a[href="/xxgk/tzgg"]').first();
    if ((await next.count()) > 0) await Promise.all([page.waitForURL(/\/xxgk\/tzgg$/), next.click()]);
    else await page.goto(`${baseUrl}/xxgk/tzgg`);
    check(
      'next page (/xxgk/tzgg, no query) is still in care mode',
      /\bcare\b/.test((await bodyClass()) ?? '') && !page.url().includes('mode='),
      `url ${page.url()}, body class: ${await bodyClass()}`,
    );
    const exit = page.locator('a', { hasText: '退出关爱版' }).first();
    if (check('退出关爱版 link present in care mode', (await exit.count()) > 0)) {
      await exit.click();
      await page.waitForLoadState('load');
      check('clicking 退出关爱版 (no JS) → normal mode', !/\bcare\b/.test((await bodyClass()) ?? ''));
    }
  } finally {
    await context.close();
  }
}

async function signIn(page, baseUrl, username) {
  await page.goto(`${baseUrl}/console/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill('Gongkai@2026');
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/console/login', { timeout: 15_000 }).catch(() => {}),
    page.locator('form[action="/console/login"] button[type="submit"]').first().click(),
  ]);
  await page.waitForLoadState('load');
}

/** Sign in as a role and scan the console pages it may open (axe, lang, skip link). */
async function consoleJourney(browser, baseUrl, username, paths) {
  section(`Console journey as ${username}`);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, baseUrl, username);
    const pathname = new URL(page.url()).pathname;
    const mainText = await page.evaluate(() => document.querySelector('main')?.textContent ?? '');
    const landed = `landed on ${page.url()}: ${mainText.replace(/\s+/g, ' ').slice(0, 300)}`;
    if (!check(`${username} / Gongkai@2026 lands on /console`, pathname === '/console', landed)) return;
    // Detail pages are found from their lists, as a person would.
    const found = [];
    for (const [list, pattern] of [
      ['/console/users', /^\/console\/users\/\d+$/],
      ['/console/orgs', /^\/console\/orgs\/\d+$/],
      ['/console/columns', /^\/console\/columns\/\d+$/],
      ['/console/documents', /^\/console\/documents\/\d+$/],
      ['/console/review', /^\/console\/review\/\d+$/],
      ['/console/expropriation', /^\/console\/expropriation\/\d+$/],
    ]) {
      if (!paths.includes(list)) continue;
      await page.goto(`${baseUrl}${list}`);
      const hrefs = await page.evaluate(() =>
        [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href')),
      );
      const first = hrefs.find((h) => h && pattern.test(h));
      if (first) found.push(first);
      // A column's extra-field editor is reached from its edit page.
      if (first && list === '/console/columns') found.push(`${first}/fields`);
    }
    for (const p of [...paths, ...found]) {
      const res = await page.goto(`${baseUrl}${p}`);
      if (!check(`${p}: HTTP 200`, res?.status() === 200, `status ${res?.status()}`)) continue;
      const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
      check(`${p}: <html lang="zh-CN">`, lang === 'zh-CN', `lang=${JSON.stringify(lang)}`);
      await skipLinkCheck(page, p);
      await axeCheck(page, p);
    }
    for (const form of ['/console/users/new', '/console/documents/new']) {
      if (!paths.includes(form)) continue;
      // A form re-rendered with field errors must be accessible too.
      await page.goto(`${baseUrl}${form}`);
      // The document editor's first button is 选择栏目 (re-render only): it saves with its last button.
      const buttons = page.locator('main form button[type="submit"]');
      await Promise.all([
        page.waitForLoadState('load'),
        (form === '/console/documents/new' ? buttons.last() : buttons.first()).click(),
      ]);
      const summary = await page.locator('.error-summary').count();
      check(`${form}: empty submit shows the error summary`, summary > 0);
      await axeCheck(page, `${form} (with errors)`);
    }
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  let server = null;
  let browser = null;
  let dataDir = null;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    browser = null;
    await server?.stop().catch(() => {});
    server = null;
    if (dataDir && !process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
    dataDir = null;
  };
  const onSignal = (sig) => {
    console.error(`\ne2e: received ${sig}, stopping`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const watchdog = setTimeout(() => {
    console.error(`\ne2e: timed out after ${TIMEOUT_MS} ms`);
    failed++;
    cleanup().finally(() => {
      console.log(`e2e: ${passed} passed, ${failed} failed`);
      process.exit(1);
    });
  }, TIMEOUT_MS);
  watchdog.unref();

  try {
    section('Starting server');
    server = await startServer();
    dataDir = server.dataDir;
    const base = server.baseUrl;

    const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
    console.log(`browser: ${executablePath} ${browser.version()}`);

    // Page discovery, in a context of its own (no mode cookie).
    const discovery = await browser.newContext();
    const noticeDetails = await discoverLinks(discovery, `${base}/xxgk/tzgg`, /^\/documents\/\d+$/);
    const orgsStatus = (await fetch(`${base}/orgs`)).status;
    const orgDetails =
      orgsStatus === 200 ? await discoverLinks(discovery, `${base}/orgs`, /^\/orgs\/[^/]+$/) : [];
    const columnPages = await discoverLinks(discovery, `${base}/xxgk`, /^\/xxgk\/[a-z]+$/);
    const documentPages = await discoverLinks(discovery, `${base}/xxgk`, /^\/documents\/\d+$/);
    const zhengdiPages = await discoverLinks(discovery, `${base}/zhengdi`, /^\/zhengdi\/\d+$/);
    await discovery.close();
    const pages = [
      { url: `${base}/`, kind: 'portal' },
      ...noticeDetails.map((url) => ({ url, kind: 'portal' })),
      { url: `${base}/orgs`, kind: 'portal', allowMissing: true },
      ...orgDetails.map((url) => ({ url, kind: 'portal', allowMissing: true })),
      { url: `${base}/xxgk`, kind: 'portal' },
      ...columnPages.map((url) => ({ url, kind: 'portal' })),
      ...documentPages.map((url) => ({ url, kind: 'portal' })),
      { url: `${base}/zhengdi`, kind: 'portal' },
      ...zhengdiPages.map((url) => ({ url, kind: 'portal' })),
      ...portalPages(base, new Date().getFullYear()).map((url) => ({ url, kind: 'portal' })),
      { url: `${base}/search?q=${encodeURIComponent('政务公开')}`, kind: 'portal' },
      // 一网通查: browsing, results with facets and highlights, a filter, a 文号, no results, an error.
      { url: `${base}/search`, kind: 'portal' },
      { url: `${base}/search?q=${encodeURIComponent('征地')}`, kind: 'portal' },
      { url: `${base}/search?q=${encodeURIComponent('规划')}&validity=valid&sort=date`, kind: 'portal' },
      { url: `${base}/search?q=${encodeURIComponent('示例征补[2026]3号')}`, kind: 'portal' },
      { url: `${base}/search?q=${encodeURIComponent('没有这样的词语组合')}`, kind: 'portal' },
      { url: `${base}/search?size=0`, kind: 'portal', allowStatus: 400 },
      { url: `${base}/guide`, kind: 'portal' },
      // 年度报告: the list and last year's report (the demo imports the example report).
      { url: `${base}/annual-reports`, kind: 'portal' },
      // The optional applicant account: sign-in and opening an account.
      { url: `${base}/apply/account`, kind: 'portal' },
      { url: `${base}/apply/account/register`, kind: 'portal' },
      { url: `${base}/annual-reports/${new Date().getFullYear() - 1}`, kind: 'portal' },
      { url: `${base}/console/login`, kind: 'console' },
    ];
    check(
      '/xxgk/tzgg links to at least one notice',
      noticeDetails.length > 0,
      'no /documents/:id link found',
    );
    check(
      '/xxgk links to columns and documents',
      columnPages.length > 0 && documentPages.length > 0,
      'no /xxgk/:code or /documents/:id link found',
    );
    console.log(
      `pages: ${pages.map((p) => label(p.url)).join(' ')}${orgsStatus === 200 ? '' : ` (/orgs answered ${orgsStatus})`}`,
    );

    for (const mode of ['normal', 'care']) {
      section(`Pages in ${mode} mode`);
      // A fresh context per mode: the mode cookie of one must not leak into the other.
      const context = await browser.newContext();
      try {
        for (const p of pages) {
          try {
            await scanPage(context, withMode(p.url, mode), mode, p);
          } catch (e) {
            fail(`${label(withMode(p.url, mode))} [${mode}]: page checks ran`, e?.stack ?? String(e));
          }
        }
        // Screenshots of the home page for humans.
        mkdirSync(RESULTS_DIR, { recursive: true });
        const page = await context.newPage();
        await page.goto(withMode(`${base}/`, mode));
        const file = path.join(RESULTS_DIR, `home-${mode}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`  screenshot: ${path.relative(ROOT, file)}`);
        await page.close();
      } finally {
        await context.close();
      }
    }

    await careToggleJourney(browser, base).catch((e) =>
      fail('关爱版 toggle journey ran', e?.stack ?? String(e)),
    );
    const helpers = { check, fail, axeCheck, section };
    for (const mode of ['normal', 'care']) {
      await policyJourney(browser, base, mode, helpers).catch((e) =>
        fail(`policy journey [${mode}] ran`, e?.stack ?? String(e)),
      );
      await applyJourney(browser, base, mode, helpers).catch((e) =>
        fail(`apply journey [${mode}] ran`, e?.stack ?? String(e)),
      );
    }
    await applicationWorkflowJourney(browser, base, { ...helpers, signIn }).catch((e) =>
      fail('application workflow journey ran', e?.stack ?? String(e)),
    );
    await machineReadableChecks(browser, base, helpers).catch((e) =>
      fail('feeds and sitemap checks ran', e?.stack ?? String(e)),
    );
    const adminPages = [
      '/console',
      '/console/users',
      '/console/users/new',
      '/console/roles',
      '/console/orgs',
      '/console/orgs/new',
      '/console/expropriation',
      '/console/expropriation/new',
      '/console/calendar?from=2021-09-28&days=20',
      '/console/settings',
      '/console/guide',
      '/console/columns',
      '/console/columns/new',
      '/console/reports/timeliness',
      '/console/reports/interpretations',
      '/console/tokens',
      '/console/password',
      '/console/applications/templates',
    ];
    const auditorPages = [
      '/console',
      '/console/audit',
      '/console/audit?verify=1',
      '/console/jobs',
      '/console/calendar',
      '/console/reports/timeliness?from=2020-01-01',
      '/console/reports/interpretations',
    ];
    // A published demo document's attachments page (issue 3): the publisher may change, so sees the forms.
    const firstDocument = documentPages[0] ? new URL(documentPages[0]).pathname : null;
    const publisherPages = [
      '/console',
      '/console/documents',
      '/console/documents?status=published',
      '/console/documents/new',
      '/console/reconsideration-decisions',
      ...(firstDocument ? [`/console${firstDocument}/attachments`] : []),
    ];
    const secrecyPages = ['/console', '/console/review'];
    const intakePages = [
      '/console',
      '/console/applications',
      '/console/applications?status=closed',
      '/console/applications/new',
      '/console/applications/board',
      '/console/applications/cases',
      '/console/applications/cases/new',
      '/console/outbox',
      // 年度报告 and the statistics dashboard (charts with their data tables).
      '/console/annual-reports',
      `/console/annual-reports/${new Date().getFullYear() - 1}`,
      '/console/statistics',
    ];
    for (const [user, pages] of [
      ['admin', adminPages],
      ['auditor', auditorPages],
      ['publisher', publisherPages],
      ['secrecy', secrecyPages],
      ['intake', intakePages],
    ]) {
      await consoleJourney(browser, base, user, pages).catch((e) =>
        fail(`console journey as ${user} ran`, e?.stack ?? String(e)),
      );
    }

    if (server.exited()) fail('server still running at the end', JSON.stringify(server.exited()));
  } catch (e) {
    fail('e2e run completed', e?.stack ?? String(e));
    if (server) console.log(`server output (tail):\n${indent(server.output().slice(-3000), 2)}`);
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }

  if (emptyMeta.size)
    console.log(`\nnote: meta tags present but empty (site settings): ${[...emptyMeta].join(', ')}`);
  if (failures.length) {
    console.log('\nFailed checks:');
    for (const f of failures) console.log(`  - ${f}`);
  }
  console.log(`\ne2e: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    console.log(`e2e: ${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  },
);
