import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit/audit.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendHtml } from '../../platform/http/render.js';
import type { AppDeps } from '../../platform/module.js';
import { readSetting, writeSetting } from '../../platform/settings/settings.js';
import { ErrorSummary, Field, type FieldErrors, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import {
  checkTemplate,
  LETTER_KIND_NAMES,
  LETTER_KINDS,
  type LetterTemplates,
  TEMPLATE_PLACEHOLDERS,
} from './letter.rules.js';
import { RECONSIDERATION_SETTING, TEMPLATES_SETTING } from './letter.service.js';
import { DEFAULT_TEMPLATES } from './letter.texts.js';

const PARTS = { title: '标题', intro: '开头段', closing: '结束语' } as const;
type Part = keyof typeof PARTS;
type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Admins edit the letters' title, opening and closing per kind (issue 5: templates editable by
 * admins) and the reconsideration bodies named in every reply. Placeholders come from a fixed list and
 * are only substituted, never evaluated; a template with an unknown placeholder is refused, naming it.
 */
export function letterConsole(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const perm = { config: { permission: 'settings.manage' } };

  const current = async (): Promise<Values> => {
    const stored = JSON.parse((await readSetting(db, TEMPLATES_SETTING)) ?? '{}') as LetterTemplates;
    const values: Values = { agencies: (await readSetting(db, RECONSIDERATION_SETTING)) ?? '' };
    for (const kind of LETTER_KINDS)
      for (const part of Object.keys(PARTS) as Part[])
        values[`${kind}.${part}`] = stored[kind]?.[part] ?? DEFAULT_TEMPLATES[kind][part];
    return values;
  };

  const page = async (request: FastifyRequest, values: Values, errors?: FieldErrors, saved = false) => {
    const ctx = await pageContext(db, request);
    return (
      <ConsolePage ctx={ctx} title="依申请公开文书模板">
        {saved && <Notice kind="success">已保存。</Notice>}
        <p>
          可用占位符：
          {Object.entries(TEMPLATE_PLACEHOLDERS)
            .map(([k, label]) => `{{${k}}}（${label}）`)
            .join('、')}
          。正文中的法律依据、期限和救济途径由系统按条例生成，不在模板中修改。
        </p>
        <Form ctx={ctx} action="/console/applications/templates" label="文书模板">
          <ErrorSummary errors={errors} />
          <Field
            name="agencies"
            label="行政复议机关"
            value={str(values.agencies)}
            errors={errors}
            hint="答复书的救济途径中写明的行政复议机关名称，多个用逗号分隔；未填写时写“本级人民政府”（行政复议法第二十四条）"
          />
          {LETTER_KINDS.map((kind) => (
            <fieldset key={kind}>
              <legend>{LETTER_KIND_NAMES[kind]}</legend>
              {(Object.keys(PARTS) as Part[]).map((part) => (
                <Field
                  key={part}
                  name={`${kind}.${part}`}
                  label={`${LETTER_KIND_NAMES[kind]}：${PARTS[part]}`}
                  value={str(values[`${kind}.${part}`])}
                  errors={errors}
                  multiline={part !== 'title'}
                />
              ))}
            </fieldset>
          ))}
          <button type="submit">保存模板</button>
        </Form>
      </ConsolePage>
    );
  };

  app.get('/console/applications/templates', perm, async (request, reply) => {
    const saved = (request.query as Record<string, unknown>).saved === '1';
    return sendHtml(reply, await page(request, await current(), undefined, saved));
  });

  app.post('/console/applications/templates', perm, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    const errors: FieldErrors = {};
    const templates: LetterTemplates = {};
    for (const kind of LETTER_KINDS) {
      for (const part of Object.keys(PARTS) as Part[]) {
        const name = `${kind}.${part}`;
        const text = str(body[name]).trim();
        if (part === 'title' && !text) errors[name] = `${LETTER_KIND_NAMES[kind]}${PARTS[part]}：必填`;
        const problems = checkTemplate(text, kind);
        if (problems.length)
          errors[name] = `${LETTER_KIND_NAMES[kind]}${PARTS[part]}：${problems.join('；')}`;
        // Only what differs from the default is stored, so later default improvements still apply.
        if (text !== DEFAULT_TEMPLATES[kind][part]) templates[kind] = { ...templates[kind], [part]: text };
      }
    }
    const agencies = str(body.agencies).trim();
    if (agencies.length > 300) errors.agencies = '行政复议机关：不能超过 300 个字符';
    if (Object.keys(errors).length) return sendHtml(reply, await page(request, body, errors), 400);
    await inTransaction(db, async (trx) => {
      await writeSetting(trx, TEMPLATES_SETTING, JSON.stringify(templates));
      await writeSetting(trx, RECONSIDERATION_SETTING, agencies);
      await recordAudit(trx, request.actor, {
        action: 'application.templates_saved',
        targetType: 'settings',
        targetId: TEMPLATES_SETTING,
        after: { templates, agencies },
      });
    });
    return reply.redirect('/console/applications/templates?saved=1', 303);
  });
}
