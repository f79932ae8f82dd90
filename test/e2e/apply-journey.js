// Keyboard-only journey through the public application form (issue 5: "keyboard-only submission
// works"): Tab from the top of the page to each field, type or pick with the arrow keys, submit with
// Enter, read the 回执, then look the application up on the status page the same way. axe-core on
// every page reached.

/** A 居民身份证 number with its GB 11643 check character, so the form accepts it. */
function residentId(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}

/** Press Tab until the element with this id has focus (keyboard only, as a visitor would). */
async function tabTo(page, id, h, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return true;
  }
  return h.check(`Tab reaches #${id}`, false, page.url());
}

/** Pick an option of the focused select with the arrow keys. */
async function arrowTo(page, value, max = 12) {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.value)) === value) return true;
    await page.keyboard.press('ArrowDown');
  }
  return (await page.evaluate(() => document.activeElement?.value)) === value;
}

export async function applyJourney(browser, base, mode, h) {
  h.section(`Journey: apply online with the keyboard only → receipt → status [${mode}]`);
  const context = await browser.newContext();
  const q = mode === 'care' ? '?mode=care' : '';
  try {
    const page = await context.newPage();
    const res = await page.goto(`${base}/apply/form${q}`);
    if (!h.check(`form [${mode}]: HTTP 200`, res?.status() === 200, `HTTP ${res?.status()}`)) return;
    await h.axeCheck(page, `application form [${mode}]`);
    const fields = [
      ['f-applicantType', 'select', 'person'],
      ['f-name', 'text', '王小明'],
      ['f-idType', 'select', 'resident_id'],
      ['f-idNumber', 'text', residentId('11010519850312002')],
      ['f-phone', 'text', '13700001111'],
      ['f-email', 'text', 'wang@example.com'],
      ['f-subject', 'text', '某地块控制性详细规划批复文件'],
      ['f-formWanted', 'select', 'electronic'],
      ['f-delivery', 'select', 'email'],
    ];
    for (const [id, kind, value] of fields) {
      if (!(await tabTo(page, id, h))) return;
      if (kind === 'select') {
        if (!h.check(`#${id}: picked with the arrow keys`, await arrowTo(page, value), value)) return;
      } else await page.keyboard.type(value);
    }
    const submit = await page.evaluate(() => {
      const b = document.querySelector('form[action="/apply/form"] button[type="submit"]');
      if (b) b.id = 'apply-submit';
      return !!b;
    });
    if (!h.check('submit button present', submit)) return;
    if (!(await tabTo(page, 'apply-submit', h))) return;
    const [sent] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.keyboard.press('Enter'),
    ]);
    if (
      !h.check(`submitted with Enter [${mode}]: HTTP 200`, sent?.status() === 200, `HTTP ${sent?.status()}`)
    )
      return;
    const [code, password] = await page.locator('.receipt dd strong').allTextContents();
    const text = (await page.locator('main').textContent()) ?? '';
    if (!h.check(`receipt shows the code and password [${mode}]`, !!code && !!password, text.slice(0, 400)))
      return;
    await h.axeCheck(page, `receipt [${mode}]`);

    await page.goto(`${base}/apply/status${q}`);
    if (!(await tabTo(page, 'f-code', h))) return;
    await page.keyboard.type(code);
    if (!(await tabTo(page, 'f-password', h))) return;
    await page.keyboard.type(password);
    const [shown] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.keyboard.press('Enter'),
    ]);
    h.check(`status page [${mode}]: HTTP 200`, shown?.status() === 200, `HTTP ${shown?.status()}`);
    const status = (await page.locator('main').textContent()) ?? '';
    h.check(
      `status page shows the application [${mode}]`,
      status.includes('已提交待确认'),
      status.slice(0, 400),
    );
    await h.axeCheck(page, `status page [${mode}]`);
  } finally {
    await context.close();
  }
}

/** Submit one step's form on an application's console page and wait for the next page. */
async function act(page, base, id, action, fill, h) {
  await page.goto(`${base}/console/applications/${id}`);
  const form = page.locator(`form.action-form:has(input[name="action"][value="${action}"])`);
  if (!h.check(`${action}: form offered`, (await form.count()) === 1, page.url())) return false;
  if (fill) await fill(form);
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    form.locator('button[type="submit"]').click(),
  ]);
  return h.check(
    `${action}: done (HTTP ${res?.status()})`,
    res?.status() === 200 && page.url().includes('done=acted'),
    page.url(),
  );
}

/**
 * The whole journey of issue 5 in a real browser: apply online → the 公开办 confirms (register) and
 * assigns → the handler drafts → the legal reviewer passes → the approver approves → the 公开办
 * replies → the applicant's status page says so. Each staff member signs in as themselves; axe on the
 * application page at every step.
 */
export async function applicationWorkflowJourney(browser, base, h) {
  h.section('Journey: apply → register → assign → draft → review → approve → reply → status page');
  const applicant = await browser.newContext();
  let code;
  let password;
  try {
    const page = await applicant.newPage();
    await page.goto(`${base}/apply/form`);
    await page.selectOption('#f-applicantType', 'person');
    await page.fill('#f-name', '刘八');
    await page.selectOption('#f-idType', 'resident_id');
    await page.fill('#f-idNumber', residentId('11010519700101004'));
    await page.fill('#f-phone', '13800001234');
    await page.fill('#f-subject', '某村集体土地征收补偿安置方案');
    await page.selectOption('#f-formWanted', 'paper');
    await page.selectOption('#f-delivery', 'pickup');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.click('form[action="/apply/form"] button[type="submit"]'),
    ]);
    [code, password] = await page.locator('.receipt dd strong').allTextContents();
    if (!h.check('applied online: receipt with code and password', !!code && !!password)) return;
  } finally {
    await applicant.close();
  }

  const steps = [
    ['intake', 'register', null],
    [
      'intake',
      'assign',
      async (f) => {
        const options = await f
          .locator('select[name="assign-orgId"] option')
          .evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
        const division =
          options.find(([v, label]) => v && label.includes('资源处')) ?? options.find(([v]) => v);
        await f.locator('select[name="assign-orgId"]').selectOption(division[0]);
      },
    ],
    [
      'handler',
      'submit_draft',
      async (f) => f.locator('select[name="submit_draft-replyType"]').selectOption('disclosed'),
    ],
    ['legal', 'pass_review', null],
    ['approver', 'approve', null],
    ['intake', 'reply', null],
  ];
  let id;
  for (const [user, action, fill] of steps) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await h.signIn(page, base, user);
      if (id === undefined) {
        await page.goto(`${base}/console/applications?status=submitted`);
        const href = await page.locator('main table a', { hasText: code }).first().getAttribute('href');
        id = href?.match(/\/console\/applications\/(\d+)/)?.[1];
        if (!h.check('the 公开办 finds the new application in the list', !!id, page.url())) return;
      }
      if (!(await act(page, base, id, action, fill, h))) return;
      await h.axeCheck(page, `application page after ${action} (${user})`);
    } finally {
      await context.close();
    }
  }

  const after = await browser.newContext();
  try {
    const page = await after.newPage();
    await page.goto(`${base}/apply/status`);
    await page.fill('#f-code', code);
    await page.fill('#f-password', password);
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.click('form[action="/apply/status"] button[type="submit"]'),
    ]);
    const text = (await page.locator('main').textContent()) ?? '';
    h.check(
      'the status page shows the reply',
      text.includes('已答复') && text.includes('已作出答复（予以公开）'),
      text.slice(0, 500),
    );
  } finally {
    await after.close();
  }
}
