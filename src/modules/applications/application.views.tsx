import { formatPubDate } from '../../platform/time.js';
import { Field, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import type { ClockResult } from './application.clock.js';
import type { ApplicationEvent, ApplicationRow } from './application.repository.js';
import {
  type ApplicationAction,
  type ApplicationStatus,
  STATUS_LABELS,
  TRANSITIONS,
} from './application.status.js';
import { DELIVERY_METHODS, isDeliveryMethod } from './intake.rules.js';
import type { RepeatFlags } from './repeat.rules.js';
import { REPLY_TYPE_DEFS, REPLY_TYPES } from './reply.rules.js';

export const ACTION_LABELS: Record<string, string> = {
  submit: '提交申请',
  extend: '延期答复',
  ...Object.fromEntries(Object.entries(TRANSITIONS).map(([a, t]) => [a, t.label])),
};

export const statusLabel = (s: string) => STATUS_LABELS[s as ApplicationStatus] ?? s;

/** Due-date badge for lists and the board: overdue, due within 5 working days, or the date. */
export function DueBadge({ row, today, soon }: { row: ApplicationRow; today: string; soon: string }) {
  if (row.clock_paused) return <span class="badge">暂停计时</span>;
  if (!row.due_on) return <span>—</span>;
  if (row.due_on < today) return <strong class="badge badge-danger">已超期（{row.due_on}）</strong>;
  if (row.due_on <= soon) return <strong class="badge badge-warning">临近期限（{row.due_on}）</strong>;
  return <span>{row.due_on}</span>;
}

export function ClockView({ clock }: { clock: ClockResult }) {
  return (
    <section aria-labelledby="h-clock">
      <h2 id="h-clock">答复期限</h2>
      <p>
        {clock.dueDate ? (
          <>
            答复期限：<strong>{clock.dueDate}</strong>（共 {clock.limitDays} 个工作日，已计{' '}
            {clock.countedDays} 个，尚余 {clock.remainingDays} 个）
            {clock.overdue && <strong class="badge badge-danger">已超期</strong>}
          </>
        ) : (
          <>暂停计时中；如今日恢复，答复期限为 {clock.projectedDueDate}</>
        )}
      </p>
      <details>
        <summary>期限推算过程</summary>
        <ol>
          {clock.explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </details>
    </section>
  );
}

export function Timeline({ events }: { events: ApplicationEvent[] }) {
  return (
    <table>
      <caption>办理记录（共 {events.length} 条）</caption>
      <thead>
        <tr>
          <th scope="col">时间</th>
          <th scope="col">操作</th>
          <th scope="col">状态变化</th>
          <th scope="col">办理人</th>
          <th scope="col">理由与内容</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td>{formatPubDate(e.at)}</td>
            <th scope="row">{ACTION_LABELS[e.action] ?? e.action}</th>
            <td>
              {e.from_status ? `${statusLabel(e.from_status)} → ` : ''}
              {statusLabel(e.to_status)}
            </td>
            <td>{e.actor_name}</td>
            <td>
              {e.reason}
              {e.reason && e.data ? '；' : ''}
              {e.data ? describeData(e.data) : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const DATA_LABELS: Record<string, string> = {
  receivedOn: '日期',
  items: '补正事项',
  dueOn: '期限',
  org: '承办单位',
  forwarded: '转办区分局',
  internalDueOn: '内部期限',
  party: '征求意见对象',
  sentOn: '发函日',
  windowEnd: '答复期满日',
  endedOn: '结束日',
  replyType: '答复类型',
  repliedOn: '答复日',
  deliveryMethod: '送达方式',
  deliveredOn: '送达日',
  proof: '送达凭证',
  days: '延长工作日',
  previousDue: '原期限',
  channel: '方式',
  method: '计收方式',
  amount: '金额（元）',
  noticeOn: '收到通知之日',
  paidOn: '缴费日',
};

function describeData(json: string): string {
  const d = JSON.parse(json) as Record<string, unknown>;
  return Object.entries(d)
    .filter(([k, v]) => DATA_LABELS[k] && v !== null && v !== undefined && v !== false)
    .map(([k, v]) => {
      if (k === 'forwarded') return '转办区分局';
      if (k === 'deliveryMethod' && typeof v === 'string' && isDeliveryMethod(v))
        return `${DATA_LABELS[k]}：${DELIVERY_METHODS[v]}`;
      const value =
        k === 'replyType' && typeof v === 'string' && v in REPLY_TYPE_DEFS
          ? REPLY_TYPE_DEFS[v as keyof typeof REPLY_TYPE_DEFS].name
          : String(v);
      return `${DATA_LABELS[k]}：${value}`;
    })
    .join('；');
}

type Org = { id: number; name: string; kind: string };

/** One form per action the signed-in user may take now, with only the fields that action needs. */
export function ActionForm(p: {
  ctx: PageContext;
  id: number;
  action: ApplicationAction;
  orgs: Org[];
  today: string;
  /** The delivery the applicant asked for: the default of the 送达 fields. */
  delivery?: string;
  values?: Record<string, unknown>;
  errors?: FieldErrors;
}) {
  const t = TRANSITIONS[p.action];
  const v = (k: string) => (typeof p.values?.[k] === 'string' ? (p.values[k] as string) : '');
  const e = p.errors;
  const field = (name: string, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field
      name={`${p.action}-${name}`}
      label={label}
      value={v(name)}
      errors={prefixed(e, p.action)}
      {...extra}
    />
  );
  return (
    <Form ctx={p.ctx} action={`/console/applications/${p.id}/act`} label={t.label} class="form action-form">
      <input type="hidden" name="action" value={p.action} />
      <h3>{t.label}</h3>
      {p.action === 'register' &&
        field('on', '收到申请之日（双方确认之日）', {
          type: 'date',
          value: v('on') || p.today,
          required: true,
        })}
      {p.action === 'request_supplement' && (
        <>
          {field('text', '需要补正的事项', {
            multiline: true,
            required: true,
            hint: '一次性告知全部需要补正的事项（条例第三十条）',
          })}
          {field('dueOn', '补正期限', { type: 'date', required: true })}
        </>
      )}
      {(p.action === 'receive_supplement' || p.action === 'end_consultation' || p.action === 'reply') &&
        field(
          'on',
          p.action === 'reply'
            ? '答复日期'
            : p.action === 'end_consultation'
              ? '收到意见或期满之日'
              : '收到补正材料之日',
          {
            type: 'date',
            value: v('on') || p.today,
            required: true,
          },
        )}
      {(p.action === 'reply' || p.action === 'record_delivery') && (
        <fieldset>
          <legend>送达情况{p.action === 'reply' ? '（已送达的可同时登记，也可以之后登记）' : ''}</legend>
          {field('deliveryMethod', '送达方式', {
            required: p.action === 'record_delivery',
            value: v('deliveryMethod') || p.delivery || '',
            options: [
              { value: '', label: '请选择' },
              ...Object.entries(DELIVERY_METHODS).map(([value, label]) => ({ value, label })),
            ],
          })}
          {field('deliveredOn', '送达日期', {
            type: 'date',
            required: p.action === 'record_delivery',
            hint: '申请人收到答复之日：邮寄的为签收之日，电子邮件的为发送成功之日',
          })}
          {field('proof', '送达凭证', {
            hint: '挂号信或 EMS 单号、电子邮件发送记录、领取人签收情况等；邮寄送达的必填',
          })}
        </fieldset>
      )}
      {p.action === 'assign' && (
        <>
          {field('orgId', '承办单位', {
            required: true,
            options: [
              { value: '', label: '请选择' },
              ...p.orgs.map((o) => ({ value: String(o.id), label: o.name })),
            ],
          })}
          {field('internalDueOn', '内部办理期限', { type: 'date' })}
        </>
      )}
      {p.action === 'start_consultation' && (
        <>
          {field('partyKind', '征求意见对象类型', {
            required: true,
            options: [
              { value: 'third_party', label: '第三方（条例第三十二条：逾期未提出意见的，由本机关依法决定）' },
              { value: 'agency', label: '其他机关（条例第三十四条：逾期未提出意见的，视为同意公开）' },
            ],
          })}
          {field('text', '征求意见对象', { required: true, hint: '第三方或者其他机关的名称' })}
          {field('on', '发出征求意见函之日', { type: 'date', value: v('on') || p.today, required: true })}
        </>
      )}
      {p.action === 'issue_fee_notice' && (
        <>
          {field('method', '计收方式（只能选择一种，109号第三条）', {
            required: true,
            options: [
              { value: '', label: '请选择' },
              { value: 'piece', label: '按件计收（同一申请人按自然月累计）' },
              { value: 'volume', label: '按量计收（按本次申请的页数）' },
            ],
          })}
          {field('pieces', '本申请计件数（按件）', { type: 'number', value: v('pieces') || '1' })}
          {field('pages', '页数（按量）', { type: 'number' })}
          {field('on', '申请人收到收费通知之日', { type: 'date', value: v('on') || p.today, required: true })}
        </>
      )}
      {p.action === 'record_payment' &&
        field('on', '缴费日期', { type: 'date', value: v('on') || p.today, required: true })}
      {p.action === 'submit_draft' &&
        field('text', '答复正文', {
          multiline: true,
          hint: '写明理由；予以公开的写明获取方式、途径和时间，非本机关掌握的写明负责公开的机关及其联系方式（条例第三十六条）',
        })}
      {p.action === 'submit_draft' &&
        field('replyType', '答复类型', {
          required: true,
          options: [
            { value: '', label: '请选择' },
            ...REPLY_TYPES.map((r) => ({ value: r, label: REPLY_TYPE_DEFS[r].name })),
          ],
        })}
      {field('reason', t.reason ? '理由' : '意见（可选）', { multiline: true, required: !!t.reason })}
      <button type="submit">{t.label}</button>
    </Form>
  );
}

/** Field errors come back under the plain names; the forms prefix them with the action. */
function prefixed(errors: FieldErrors | undefined, action: string): FieldErrors | undefined {
  if (!errors) return undefined;
  return Object.fromEntries(Object.entries(errors).map(([k, m]) => [`${action}-${k}`, m]));
}

/** 条例第三十五条、第三十六条第（六）项: what the platform noticed about this applicant's requests. */
export function RepeatNotice({ flags }: { flags: RepeatFlags }) {
  if (!flags.identical.length && !flags.similar.length && !flags.many) return null;
  const link = (e: { id: number; trackingCode: string; status: string }) => (
    <a href={`/console/applications/${e.id}`}>
      {e.trackingCode}（{statusLabel(e.status)}）
    </a>
  );
  return (
    <section aria-labelledby="h-repeats" class="notice notice-warning">
      <h2 id="h-repeats">重复与大量申请提示（供办理人员判断）</h2>
      <ul>
        {flags.identical.map((e) => (
          <li key={e.id}>
            同一申请人此前提出过相同的申请：{link(e)}
            。已答复过的，可依条例第三十六条第（六）项告知不予重复处理。
          </li>
        ))}
        {flags.similar.map((e) => (
          <li key={e.id}>
            与同一申请人的申请 {link(e)} 内容相近（相似度 {Math.round(e.similarity * 100)}%）。
          </li>
        ))}
        {flags.many && (
          <li>
            同一申请人 30 日内共提出 {flags.recentCount}{' '}
            件申请，数量、频次可能明显超过合理范围（条例第三十五条：可要求说明理由）。
          </li>
        )}
      </ul>
    </section>
  );
}
