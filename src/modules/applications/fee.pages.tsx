import type { FastifyInstance } from 'fastify';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import type { AppDeps } from '../../platform/module.js';
import { ErrorSummary, Field, type FieldErrors } from '../../web/components.js';
import { pageContext } from '../../web/context.js';
import { PublicPage } from '../../web/layout.js';
import { type FeeQuoteBody, quoteFromQuery } from './fee.api.js';
import { MAX_PAGES, MAX_PIECES } from './fee.rules.js';
import { METHOD_NAMES } from './fee.schema.js';

export const FEE_PAGE_PATH = '/apply/fees';
const TITLE = '信息处理费试算';
const COLUMN = '依申请公开';
const FIELDS = ['method', 'count', 'already', 'pages'] as const;
type Values = Partial<Record<(typeof FIELDS)[number], string>>;

const yuan = new Intl.NumberFormat('zh-CN');
const fmt = (n: number) => yuan.format(n);

/**
 * The form carries the fields of both methods (a visitor may switch method after filling one in),
 * so only the chosen method's fields are checked; the JSON API, asked directly, refuses the others.
 */
function relevant(values: Values): Values {
  if (values.method === 'piece')
    return { method: values.method, count: values.count, already: values.already };
  if (values.method === 'volume') return { method: values.method, pages: values.pages };
  return values;
}

/** Single string parameters only: a repeated parameter is shown back as empty. */
function valuesOf(query: unknown): Values {
  const q = (query ?? {}) as Record<string, unknown>;
  const values: Values = {};
  for (const f of FIELDS) if (typeof q[f] === 'string') values[f] = q[f];
  return values;
}

function apiHref(r: FeeQuoteBody): string {
  const params: Record<string, string> =
    r.method === 'piece'
      ? { method: r.method, count: String(r.count), already: String(r.already) }
      : { method: r.method, pages: String(r.pages) };
  return `/api/v1/fees/quote?${new URLSearchParams(params).toString()}`;
}

function MethodChoice({ value, errors }: { value: string | undefined; errors: FieldErrors | undefined }) {
  const error = errors?.method;
  const describedBy = error ? 'f-method-error' : undefined;
  return (
    <fieldset class={error ? 'field has-error' : 'field'}>
      <legend>计收方式（必选其一）</legend>
      {error && (
        <p class="field-error" id="f-method-error">
          {error}
        </p>
      )}
      {(['piece', 'volume'] as const).map((m, i) => (
        <label key={m}>
          <input
            type="radio"
            name="method"
            value={m}
            id={i === 0 ? 'f-method' : `f-method-${m}`}
            checked={value === m}
            aria-describedby={describedBy}
            aria-invalid={error ? 'true' : undefined}
          />{' '}
          {METHOD_NAMES[m]}
        </label>
      ))}
    </fieldset>
  );
}

function Result({ r }: { r: FeeQuoteBody }) {
  const scope =
    r.method === 'piece'
      ? r.count === 0
        ? '本次 0 件'
        : `本次 ${fmt(r.count)} 件，为本月第 ${fmt(r.already + 1)}—${fmt(r.already + r.count)} 件`
      : `本次申请共 ${fmt(r.pages)} 页`;
  return (
    <section aria-labelledby="h-result" class="fee-result">
      <h2 id="h-result">试算结果</h2>
      <p role="status">
        {METHOD_NAMES[r.method]}，{scope}，信息处理费 <strong>{fmt(r.amount)} 元</strong>。
      </p>
      {r.breakdown.length === 0 ? (
        <p>没有需要计费的{r.method === 'piece' ? '件数' : '页数'}。</p>
      ) : (
        <table>
          <caption>
            分档明细（{METHOD_NAMES[r.method]}，超额累进：每档单价只适用于落在该档内的
            {r.method === 'piece' ? '件数' : '页数'}）
          </caption>
          <thead>
            <tr>
              <th scope="col">档次</th>
              <th scope="col">本次计入</th>
              <th scope="col">数量</th>
              <th scope="col">单价（元）</th>
              <th scope="col">小计（元）</th>
            </tr>
          </thead>
          <tbody>
            {r.breakdown.map((l) => (
              <tr key={l.from}>
                <th scope="row">{l.label}</th>
                <td>
                  第 {fmt(l.from)}—{fmt(l.to)} {r.method === 'piece' ? '件' : '页'}
                </td>
                <td>{fmt(l.units)}</td>
                <td>{fmt(l.rate)}</td>
                <td>{fmt(l.subtotal)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                合计
              </th>
              <td>{fmt(r.amount)}</td>
            </tr>
          </tfoot>
        </table>
      )}
      <p>
        <a href={apiHref(r)}>以 JSON 格式获取本次试算结果</a>
      </p>
    </section>
  );
}

function Explanation() {
  return (
    <section aria-labelledby="h-rules">
      <h2 id="h-rules">收费说明</h2>
      <p>
        根据《中华人民共和国政府信息公开条例》第四十二条，行政机关依申请提供政府信息，不收取费用；只有申请公开政府信息的数量、频次明显超过合理范围的，才可以收取信息处理费。收费标准依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行，目的是规范申请行为，不是为了弥补成本。
      </p>
      <ul>
        <li>
          按件计收：同一申请人在一个自然月内累计计算件数。第 1—10 件不收费；第 11—30 件每件 100 元；第 31
          件起每 10 件为一档，每档每件标准提高 100 元（第 31—40 件每件 200 元，第 41—50 件每件 300
          元，依此类推）。
        </li>
        <li>
          按量计收：以纸质、电子邮件或复制电子数据等方式提供信息时，按每次申请的页数计算，不按月累计。第 1—30
          页不收费；第 31—100 页每页 10 元；第 101—200 页每页 20 元；第 201 页起每页 40 元。
        </li>
        <li>同一申请只能选择其中一种方式计收，不得同时按件和按量收费。</li>
        <li>
          本页仅供试算。是否收费、按哪种方式收费，以行政机关出具的收费通知为准；申请人应在收到收费通知次日起
          20 个工作日内缴费，逾期未缴的视为放弃申请。
        </li>
      </ul>
      <p class="hint">
        第 31 件以上各档的标准系本平台对该办法第四条“以 10 件为一档”的理解，具体以收费通知为准。
      </p>
    </section>
  );
}

export function feePages(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  // Same answer for every visitor and no form token (a GET form), so the page cache may keep it.
  const pub = { config: { permission: 'public', kind: 'html' as const } };

  app.get(FEE_PAGE_PATH, pub, async (request, reply) => {
    const values = valuesOf(request.query);
    const asked = FIELDS.some((f) => (request.query as Record<string, unknown>)[f] !== undefined);
    let result: FeeQuoteBody | null = null;
    let errors: FieldErrors | undefined;
    if (asked) {
      try {
        result = quoteFromQuery(relevant(values));
      } catch (e) {
        if (!isAppError(e) || !e.fields) throw e;
        errors = e.fields;
      }
    }
    const ctx = await pageContext(db, request);
    return sendHtml(
      reply,
      <PublicPage
        ctx={ctx}
        title={TITLE}
        column={COLUMN}
        breadcrumbs={[
          { label: '首页', href: '/' },
          { label: '政府信息公开', href: '/xxgk' },
          { label: TITLE },
        ]}
        pubDate={new Date().toISOString()}
      >
        <h1>{TITLE}</h1>
        <p>
          输入件数或页数，即可按国办函〔2020〕109号规定的标准试算信息处理费，并查看每一档的计算过程。绝大多数申请不收费。
        </p>
        <section aria-labelledby="h-calc">
          <h2 id="h-calc">试算</h2>
          <ErrorSummary errors={errors} />
          <form method="get" action={FEE_PAGE_PATH} class="form" aria-label="信息处理费试算" noValidate>
            <MethodChoice value={values.method} errors={errors} />
            <fieldset>
              <legend>按件计收</legend>
              <Field
                name="count"
                label="本次件数"
                type="number"
                value={values.count}
                errors={errors}
                hint={`本次申请按“一事一申请”拆分后的件数，0—${MAX_PIECES} 的整数`}
              />
              <Field
                name="already"
                label="本月已计件数（选填）"
                type="number"
                value={values.already}
                errors={errors}
                hint="同一申请人本自然月内此前各次申请已计算的件数，不含本次；不填按 0 计算"
              />
            </fieldset>
            <fieldset>
              <legend>按量计收</legend>
              <Field
                name="pages"
                label="页数"
                type="number"
                value={values.pages}
                errors={errors}
                hint={`本次申请提供信息的页数，0—${MAX_PAGES} 的整数`}
              />
            </fieldset>
            <button type="submit">试算</button>
          </form>
        </section>
        {result && <Result r={result} />}
        <Explanation />
        <p>
          开发者可调用 <a href="/api/v1/openapi.json">开放接口</a> 中的 /api/v1/fees/quote
          获取同样的计算结果。
        </p>
      </PublicPage>,
      errors ? 400 : 200,
    );
  });
}
