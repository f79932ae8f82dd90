import type { FastifyInstance } from 'fastify';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { todayCst } from '../../platform/time.js';
import { pageContext } from '../../web/context.js';
import { PublicPage } from '../../web/layout.js';
import { listProjectViews, projectView } from './expropriation.service.js';
import {
  CompletenessBadge,
  hectares,
  location,
  ProjectFacts,
  SampleTag,
  StageTable,
  statusName,
} from './expropriation.views.js';

const COLUMN = '征地信息';
const TITLE = '征地项目公开';
const HOME = { label: '首页', href: '/' };
const CATALOGUE = { label: '政府信息公开目录', href: '/xxgk' };
const ZDXX = { label: COLUMN, href: '/xxgk/zdxx' };

const STATES_NOTE =
  '各环节状态：已公开——已发布并关联公开文件，期限符合规定；缺失——应当公开而未公开；期限不符——公告期不足、超过法定期限或环节顺序不符；不适用——未要求听证；未到——尚未到应当公开的时候。';

export function expropriationPages(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const pub = { config: { permission: 'public' } };

  app.get('/zhengdi', pub, async (request, reply) => {
    const [views, ctx] = await Promise.all([
      listProjectViews(db, config, todayCst()),
      pageContext(db, request),
    ]);
    const updated =
      views
        .map((v) => v.project.updated_at)
        .sort()
        .at(-1) ?? new Date().toISOString();
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title={TITLE}
        column={COLUMN}
        breadcrumbs={[HOME, CATALOGUE, ZDXX, { label: TITLE }]}
        pubDate={updated}
      >
        <h1>{TITLE}</h1>
        <p>
          按项目公开集体土地征收的各法定环节：征收土地预公告、土地现状调查结果、征地补偿安置方案公告、听证、补偿登记、征地批准文件和征收土地公告，做到环节一步不差、文件一个不少。
          各环节文件也可在<a href="/xxgk/zdxx">“征地信息”栏目</a>中查阅。
        </p>
        <p class="hint">{STATES_NOTE}</p>
        {views.length === 0 ? (
          <p>暂无征地项目。</p>
        ) : (
          <table>
            <caption>共 {views.length} 个征地项目，按登记时间倒序</caption>
            <thead>
              <tr>
                <th scope="col">项目名称</th>
                <th scope="col">批次/项目编号</th>
                <th scope="col">位置</th>
                <th scope="col">征收面积</th>
                <th scope="col">项目状态</th>
                <th scope="col">公开情况</th>
              </tr>
            </thead>
            <tbody>
              {views.map((v) => (
                <tr key={v.project.id}>
                  <th scope="row">
                    <a href={`/zhengdi/${v.project.id}`}>{v.project.name}</a>
                    <SampleTag sample={v.project.is_sample} />
                  </th>
                  <td>{v.project.batch_no}</td>
                  <td>{location(v.project)}</td>
                  <td>{hectares(v.project.area_m2)}</td>
                  <td>{statusName(v.project.status)}</td>
                  <td>
                    <CompletenessBadge view={v} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <a href="/api/v1/expropriation-projects">以 JSON 格式获取征地项目数据</a> ·{' '}
          <a href="/api/v1/expropriation-projects?format=csv">下载 CSV 表格</a>
        </p>
      </PublicPage>,
    );
  });

  app.get('/zhengdi/:id', pub, async (request, reply) => {
    const id = parseInput(idParam, (request.params as Record<string, string>).id, { _: '编号' });
    const [view, ctx] = await Promise.all([
      projectView(db, config, id, todayCst()),
      pageContext(db, request),
    ]);
    const p = view.project;
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title={p.name}
        column={COLUMN}
        breadcrumbs={[HOME, CATALOGUE, ZDXX, { label: TITLE, href: '/zhengdi' }, { label: p.name }]}
        pubDate={p.updated_at}
      >
        <article aria-labelledby="project-title">
          <h1 id="project-title">
            {p.name}
            <SampleTag sample={p.is_sample} />
          </h1>
          <ProjectFacts view={view} />
          <p>
            公开情况：
            <CompletenessBadge view={view} />
          </p>
          <section aria-labelledby="stages-title">
            <h2 id="stages-title">法定环节</h2>
            <p class="hint">
              期限按工作日历计算：发布或收到文件当日不计入，自次日起算；工作日不含法定节假日，调休上班日计入；“日”为自然日。
            </p>
            <StageTable view={view} caption={`${p.name}各法定环节的公开情况`} />
            <p class="hint">{STATES_NOTE}</p>
          </section>
          <p>
            <a href={`/api/v1/expropriation-projects/${p.id}`}>以 JSON 格式获取本项目数据</a>
          </p>
        </article>
      </PublicPage>,
    );
  });
}
