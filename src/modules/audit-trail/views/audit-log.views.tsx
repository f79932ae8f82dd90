import type { VerifyResult } from '../../../platform/audit/audit.js';
import type { AuditRow } from '../../../platform/db/schema.js';
import { formatDate, formatPubDate } from '../../../platform/time.js';
import { ErrorSummary, Field, type FieldErrors } from '../../../web/components.js';
import { ACTION_LABELS, actionLabel, roleLabel, TARGET_LABELS, targetLabel } from '../audit-trail.labels.js';

type Values = Record<string, string | undefined>;

/** Filters travel as GET parameters, so a filtered view can be bookmarked and shared. */
export function AuditFilterForm(p: { values: Values; errors?: FieldErrors | undefined }) {
  const v = p.values;
  return (
    <form method="get" action="/console/audit" class="form" role="search" aria-label="筛选审计日志">
      <ErrorSummary errors={p.errors} />
      <div class="form-inline">
        <Field
          name="from"
          label="起始日期"
          type="date"
          value={v.from}
          errors={p.errors}
          hint="北京时间，含当天"
        />
        <Field
          name="to"
          label="截止日期"
          type="date"
          value={v.to}
          errors={p.errors}
          hint="北京时间，含当天"
        />
        <Field name="actor" label="操作人" value={v.actor} errors={p.errors} hint="姓名或用户名的一部分" />
      </div>
      <div class="form-inline">
        <Field
          name="action"
          label="操作"
          value={v.action}
          errors={p.errors}
          hint="操作代码或其开头，如 auth. 表示全部登录类操作"
          suggestions={ACTION_LABELS}
        />
        <Field
          name="target_type"
          label="对象类型"
          value={v.target_type}
          errors={p.errors}
          hint="如 user、org"
          suggestions={TARGET_LABELS}
        />
        <Field name="target_id" label="对象编号" value={v.target_id} errors={p.errors} hint="完全一致" />
      </div>
      <button type="submit">筛选</button> <a href="/console/audit">清除条件</a>
    </form>
  );
}

/** Result of the SM3 hash-chain check, or the link that runs it. */
export function ChainStatus(p: { result: VerifyResult | null; verifyHref: string }) {
  return (
    <section class="panel" aria-labelledby="h-chain">
      <h2 id="h-chain">完整性校验</h2>
      {p.result === null ? (
        <p>
          审计日志以 SM3 哈希链保存，每条记录都包含上一条记录的哈希。{' '}
          <a class="button secondary" href={p.verifyHref}>
            校验哈希链
          </a>
        </p>
      ) : p.result.ok ? (
        <p role="status">
          <strong>完整</strong>：已逐条校验 {p.result.checked} 条记录，哈希链未被篡改。
        </p>
      ) : (
        <div role="alert">
          <p>
            <strong>被篡改</strong>：自第 {p.result.broken?.seq} 条记录起哈希链断裂（已通过校验{' '}
            {p.result.checked} 条）。
          </p>
          <p>{p.result.broken?.reason}</p>
        </div>
      )}
    </section>
  );
}

export function RetentionNote(p: { count: number; oldestAt: string | null }) {
  return (
    <p class="hint">
      审计日志只追加、不删除：系统不提供删除或清理功能，《网络安全法》第二十一条要求网络日志留存不少于六个月。
      {p.oldestAt ? `现存 ${p.count} 条记录，最早一条为 ${formatDate(p.oldestAt)}。` : '目前尚无记录。'}
    </p>
  );
}

const short = (hex: string | null) => (hex ? `${hex.slice(0, 8)}…` : '—');

function ChangeSummary({ row }: { row: AuditRow }) {
  const digests = row.before_digest || row.after_digest;
  return (
    <>
      {digests && (
        <span>
          前 <code title={row.before_digest ?? undefined}>{short(row.before_digest)}</code> → 后{' '}
          <code title={row.after_digest ?? undefined}>{short(row.after_digest)}</code>
        </span>
      )}
      {digests && row.detail && <br />}
      {row.detail && (
        <code class="audit-detail">
          {row.detail.length > 300 ? `${row.detail.slice(0, 300)}…` : row.detail}
        </code>
      )}
      {!digests && !row.detail && '—'}
    </>
  );
}

export function AuditTable(p: { rows: AuditRow[]; total: number }) {
  return (
    <table class="audit-log">
      <caption>审计记录，共 {p.total} 条符合条件（按序号倒序排列，时间为北京时间）</caption>
      <thead>
        <tr>
          <th scope="col">序号</th>
          <th scope="col">时间</th>
          <th scope="col">操作人</th>
          <th scope="col">角色</th>
          <th scope="col">IP</th>
          <th scope="col">操作</th>
          <th scope="col">对象</th>
          <th scope="col">变更摘要</th>
        </tr>
      </thead>
      <tbody>
        {p.rows.length === 0 && (
          <tr>
            <td colSpan={8}>没有符合条件的记录。</td>
          </tr>
        )}
        {p.rows.map((r) => (
          <tr key={r.seq}>
            <th scope="row">{r.seq}</th>
            <td>
              <time dateTime={r.at}>{formatPubDate(r.at)}</time>
            </td>
            <td>{r.actor_name}</td>
            <td>{roleLabel(r.actor_role)}</td>
            <td>{r.ip}</td>
            <td>
              {actionLabel(r.action)}
              {ACTION_LABELS[r.action] && (
                <>
                  <br />
                  <code class="hint">{r.action}</code>
                </>
              )}
            </td>
            <td>
              {targetLabel(r.target_type)} {r.target_id}
            </td>
            <td>
              <ChangeSummary row={r} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
