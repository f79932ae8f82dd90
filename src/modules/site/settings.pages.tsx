import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { optionalText, parseInput, requiredText } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { type SiteProfile, siteProfile } from '../../platform/settings/settings.js';
import { ErrorSummary, Field, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { updateSiteProfile } from './settings.service.js';

const LABELS: Record<keyof SiteProfile, string> = {
  siteName: '网站名称',
  siteDomain: '网站域名',
  siteIdCode: '网站标识码',
  sponsor: '主办单位',
  address: '地址',
  phone: '联系电话',
  icp: 'ICP备案号',
  psb: '公安备案号',
};

const text = (max: number) => optionalText(max).transform((v) => v ?? '');
export const siteProfileSchema = z.object({
  siteName: requiredText(100),
  siteDomain: requiredText(100).regex(/^[a-z0-9.-]+(:\d+)?$/i, '应为域名，例如 ghzy.example.gov.cn'),
  siteIdCode: text(12).refine(
    (v) => v === '' || /^(\d{10}|bm\d{8})$/.test(v),
    '应为 10 位数字或 bm 加 8 位数字',
  ),
  sponsor: requiredText(100),
  address: text(200),
  phone: text(60),
  icp: text(60),
  psb: text(60),
});

export function settingsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const perm = { config: { permission: 'settings.manage' } };
  const page = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
    saved?: boolean,
  ) => {
    const ctx = await pageContext(db, request);
    return (
      <ConsolePage ctx={ctx} title="站点设置">
        {saved && <Notice kind="success">已保存。前台页脚与页面标签将在数秒内更新。</Notice>}
        <Form ctx={ctx} action="/console/settings" label="站点设置">
          <ErrorSummary errors={errors} />
          {(Object.keys(LABELS) as (keyof SiteProfile)[]).map((k) => (
            <Field
              key={k}
              name={k}
              label={LABELS[k]}
              value={values[k] as string}
              errors={errors}
              required={k === 'siteName' || k === 'sponsor' || k === 'siteDomain'}
            />
          ))}
          <button type="submit">保存</button>
        </Form>
      </ConsolePage>
    );
  };

  app.get('/console/settings', perm, async (request, reply) => {
    const saved = (request.query as Record<string, string>).saved === '1';
    return sendHtml(reply, await page(request, { ...(await siteProfile(db)) }, undefined, saved));
  });

  app.post('/console/settings', perm, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const input = parseInput(siteProfileSchema, body, LABELS);
      await updateSiteProfile(db, request.actor, input);
      return reply.redirect('/console/settings?saved=1', 303);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, await page(request, body, e.fields), 400);
    }
  });
}
