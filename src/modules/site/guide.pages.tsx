import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { formatDate, formatPubDate } from '../../platform/time.js';
import { ErrorSummary, Field, type FieldErrors, Form, Notice } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { pageContext } from '../../web/context.js';
import { PublicPage } from '../../web/layout.js';
import { GUIDE_LABELS, type GuideContent, guideSchema } from './guide.schema.js';
import { currentGuide, guideHistory, saveGuide } from './guide.service.js';

/**
 * 政府信息公开指南 (条例第十二条): public at /guide (not under /xxgk/, where codes name columns),
 * edited in the console by whoever may change site settings; every save is a new version.
 */
export const GUIDE_PATH = '/guide';
const TITLE = '政府信息公开指南';

/** Plain text as paragraphs: one per line; text is escaped by JSX, never HTML. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l, i) => (
          <p key={i}>{l}</p>
        ))}
    </>
  );
}

const SECTIONS: [string, string, (keyof GuideContent)[]][] = [
  ['classification', '一、信息分类与编排', ['classification']],
  ['proactive', '二、主动公开', ['proactive']],
  ['on-request', '三、依申请公开', ['on_request']],
  ['fees', '四、信息处理费', ['fees']],
];

export function guideRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const perm = { config: { permission: 'settings.manage' } };

  app.get(GUIDE_PATH, { config: { permission: 'public' } }, async (request, reply) => {
    const [guide, ctx] = await Promise.all([currentGuide(db), pageContext(db, request)]);
    const crumbs = [{ label: '首页', href: '/' }, { label: '政府信息公开', href: '/xxgk' }, { label: TITLE }];
    if (!guide)
      return sendHtml(
        reply,
        <PublicPage
          ctx={ctx}
          title={TITLE}
          column={TITLE}
          breadcrumbs={crumbs}
          pubDate={new Date().toISOString()}
        >
          <h1>{TITLE}</h1>
          <p>本机关的政府信息公开指南正在编制，请稍后查看，或通过页面底部的联系方式咨询。</p>
        </PublicPage>,
      );
    const c = guide.content;
    return sendHtml(
      reply,
      <PublicPage ctx={ctx} title={TITLE} column={TITLE} breadcrumbs={crumbs} pubDate={guide.updatedAt}>
        <article class="guide">
          <h1>
            {TITLE}
            {guide.isSample && '（示例）'}
          </h1>
          <p class="meta">
            更新日期：<time dateTime={formatDate(guide.updatedAt)}>{formatDate(guide.updatedAt)}</time>（第{' '}
            {guide.version} 版）
          </p>
          <p>
            为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》第十二条，编制本指南。需要获得本机关政府信息公开服务的公民、法人或者其他组织，建议阅读本指南。
          </p>
          <nav aria-labelledby="guide-toc">
            <h2 id="guide-toc">目录</h2>
            <ol>
              {SECTIONS.map(([id, title]) => (
                <li key={id}>
                  <a href={`#${id}`}>{title}</a>
                </li>
              ))}
              <li>
                <a href="#remedy">五、监督和救济</a>
              </li>
              <li>
                <a href="#office">六、政府信息公开工作机构</a>
              </li>
            </ol>
          </nav>
          {SECTIONS.map(([id, title, keys]) => (
            <section key={id} aria-labelledby={id}>
              <h2 id={id}>{title}</h2>
              {keys.map((k) => (
                <Paragraphs key={k} text={c[k]} />
              ))}
            </section>
          ))}
          <section aria-labelledby="remedy">
            <h2 id="remedy">五、监督和救济</h2>
            <Paragraphs text={c.remedy} />
          </section>
          <section aria-labelledby="office">
            <h2 id="office">六、政府信息公开工作机构</h2>
            <dl class="meta-table">
              <dt>{GUIDE_LABELS.office_name}</dt>
              <dd>{c.office_name}</dd>
              <dt>{GUIDE_LABELS.address}</dt>
              <dd>{c.address}</dd>
              <dt>{GUIDE_LABELS.postal_code}</dt>
              <dd>{c.postal_code}</dd>
              <dt>{GUIDE_LABELS.office_hours}</dt>
              <dd>{c.office_hours}</dd>
              <dt>{GUIDE_LABELS.phone}</dt>
              <dd>{c.phone}</dd>
              {c.fax && (
                <>
                  <dt>{GUIDE_LABELS.fax}</dt>
                  <dd>{c.fax}</dd>
                </>
              )}
              <dt>{GUIDE_LABELS.email}</dt>
              <dd>
                <a href={`mailto:${c.email}`}>{c.email}</a>
              </dd>
            </dl>
          </section>
        </article>
      </PublicPage>,
    );
  });

  const editPage = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    options: { errors?: FieldErrors; saved?: string } = {},
  ) => {
    const [ctx, history] = await Promise.all([pageContext(db, request), guideHistory(db)]);
    const field = (
      k: keyof GuideContent,
      extra: { multiline?: boolean; type?: string; hint?: string } = {},
    ) => (
      <Field
        name={k}
        label={GUIDE_LABELS[k]}
        value={values[k] as string | undefined}
        errors={options.errors}
        required={k !== 'fax'}
        {...extra}
      />
    );
    return (
      <ConsolePage ctx={ctx} title={TITLE}>
        {options.saved && <Notice kind="success">{options.saved}</Notice>}
        <p>
          <a href={GUIDE_PATH}>查看前台指南</a>
          <span class="hint">（每次保存生成新版本，前台显示最新版本及其更新日期）</span>
        </p>
        <Form ctx={ctx} action="/console/guide" label={TITLE}>
          <ErrorSummary errors={options.errors} />
          <h2>工作机构与联系方式</h2>
          {field('office_name', { hint: '例如 市规划和自然资源局办公室（政务公开）' })}
          {field('address')}
          {field('postal_code', { hint: '6 位数字' })}
          {field('office_hours', { hint: '例如 工作日上午 9:00—12:00，下午 13:30—17:00（法定节假日除外）' })}
          {field('phone', { type: 'tel', hint: '例如 022-12345678，多个号码用顿号分隔' })}
          {field('fax', { type: 'tel', hint: '选填' })}
          {field('email', { type: 'email' })}
          <h2>指南正文</h2>
          <p class="hint">纯文本，每行显示为一个段落。</p>
          {field('classification', { multiline: true })}
          {field('proactive', { multiline: true })}
          {field('on_request', { multiline: true, hint: '申请方式、申请内容、受理和答复期限' })}
          {field('fees', {
            multiline: true,
            hint: '依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
          })}
          {field('remedy', { multiline: true, hint: '投诉举报、行政复议、行政诉讼（条例第五十一条）' })}
          <button type="submit">保存为新版本</button>
        </Form>
        <h2>版本记录</h2>
        {history.length === 0 ? (
          <p>尚无版本。</p>
        ) : (
          <table>
            <caption>最近 {history.length} 个版本</caption>
            <thead>
              <tr>
                <th scope="col">版本</th>
                <th scope="col">保存时间</th>
                <th scope="col">保存人</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.version}>
                  <td>
                    第 {h.version} 版{h.is_sample ? '（示例）' : ''}
                  </td>
                  <td>{formatPubDate(h.created_at)}</td>
                  <td>{h.author ?? '系统'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ConsolePage>
    );
  };

  app.get('/console/guide', perm, async (request, reply) => {
    const guide = await currentGuide(db);
    const saved = (request.query as Record<string, string>).saved;
    const message =
      saved === '1' ? '已保存为新版本。' : saved === '0' ? '内容没有变化，未生成新版本。' : undefined;
    return sendHtml(
      reply,
      await editPage(request, { ...(guide?.content ?? {}) }, message ? { saved: message } : {}),
    );
  });

  app.post('/console/guide', perm, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const changed = await saveGuide(db, request.actor, parseInput(guideSchema, body, GUIDE_LABELS));
      return reply.redirect(`/console/guide?saved=${changed ? 1 : 0}`, 303);
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, await editPage(request, body, { errors: e.fields }), 400);
    }
  });
}
