import type { ComponentChildren } from 'preact';
import { can } from '../../platform/actor.js';
import { Field } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import type { DetailData, DetailProblem } from './document.detail.js';
import { ActionForm, str, VALIDITY_CHOICES } from './document.forms.js';
import type { STATUS_LABELS } from './document.status.js';

/**
 * The workflow actions on a document's console page that the signed-in user may take in the
 * document's status (edit, submit, review, publish, correct, change validity, withdraw, delete), or
 * what the document is waiting for.
 */

/** What happens next when the signed-in user has nothing to do in this status. */
const WAITING: Partial<Record<keyof typeof STATUS_LABELS, string>> = {
  in_review: '文件正在等待保密审查；审查员通过或退回后才能继续处理。',
  approved: '文件已通过保密审查，等待发布。',
  withdrawn: '文件已撤回，前台只保留撤回记录。',
};

export function DocumentActions(p: {
  ctx: PageContext;
  data: DetailData;
  problem: DetailProblem | undefined;
}) {
  const { doc, events } = p.data;
  const actor = p.ctx.actor;
  const base = `/console/documents/${doc.id}`;
  const review = `/console/review/${doc.id}`;
  const errs = (form: string) => (p.problem?.form === form ? p.problem.errors : undefined);
  const val = (name: string) => str(p.problem?.values?.[name]);
  const neverSubmitted = events.every((e) => e.action === 'create');
  const forms: ComponentChildren[] = [];
  if (doc.status === 'draft' && can(actor, 'documents.edit')) {
    forms.push(
      <p key="edit">
        <a class="button" href={`${base}/edit`}>
          修改草稿
        </a>
      </p>,
      <ActionForm key="submit" ctx={p.ctx} id="h-submit" title="送审" action={`${base}/submit`}>
        <p>送审后由保密审查员审查；送审时自动筛查个人信息。</p>
        <button type="submit">送保密审查</button>
      </ActionForm>,
    );
  }
  if (doc.status === 'in_review' && can(actor, 'documents.review')) {
    forms.push(
      <ActionForm key="approve" ctx={p.ctx} id="h-approve" title="保密审查通过" action={`${review}/approve`}>
        <p>审查员不能审查自己起草的文件。</p>
        <button type="submit">通过</button>
      </ActionForm>,
      <ActionForm
        key="reject"
        ctx={p.ctx}
        id="h-reject"
        title="退回修改"
        action={`${review}/reject`}
        errors={errs('reject')}
      >
        <Field
          name="reject_reason"
          label="退回理由"
          value={val('reject_reason')}
          errors={errs('reject')}
          multiline
          required
        />
        <button type="submit" class="secondary">
          退回
        </button>
      </ActionForm>,
    );
  }
  if (doc.status === 'approved' && can(actor, 'documents.publish')) {
    forms.push(
      <ActionForm
        key="publish"
        ctx={p.ctx}
        id="h-publish"
        title="发布"
        action={`${base}/publish`}
        errors={errs('publish')}
      >
        <Field
          name="publish_at"
          label="定时发布时间（北京时间）"
          type="datetime-local"
          value={val('publish_at')}
          errors={errs('publish')}
          hint="立即发布时不必填写；定时发布须晚于当前时间"
        />
        <button type="submit" name="mode" value="now">
          立即发布
        </button>{' '}
        <button type="submit" name="mode" value="schedule" class="secondary">
          定时发布
        </button>
      </ActionForm>,
    );
  }
  if (doc.status === 'published' && can(actor, 'documents.publish')) {
    forms.push(
      <p key="revise">
        <a class="button" href={`${base}/edit`}>
          更正（生成新版本）
        </a>
      </p>,
      <ActionForm
        key="validity"
        ctx={p.ctx}
        id="h-validity"
        title="变更有效性"
        action={`${base}/validity`}
        errors={errs('validity')}
      >
        <Field
          name="validity"
          label="有效性"
          value={val('validity') || doc.validity}
          errors={errs('validity')}
          options={VALIDITY_CHOICES}
          required
        />
        <Field
          name="validity_changed_on"
          label="变更日期"
          type="date"
          value={val('validity_changed_on')}
          errors={errs('validity')}
          required
        />
        <Field
          name="validity_reason"
          label="理由"
          value={val('validity_reason')}
          errors={errs('validity')}
          multiline
          required
        />
        <Field
          name="successor"
          label="替代文件"
          value={val('successor')}
          errors={errs('validity')}
          hint="选填；填写已发布文件的编号（数字）或文号"
        />
        <button type="submit">保存有效性</button>
      </ActionForm>,
    );
  }
  if (doc.status === 'published' && can(actor, 'documents.withdraw')) {
    forms.push(
      <ActionForm
        key="withdraw"
        ctx={p.ctx}
        id="h-withdraw"
        title="撤回错误发布"
        action={`${base}/withdraw`}
        errors={errs('withdraw')}
      >
        <p>撤回后文件页面只保留撤回记录；撤回不能恢复。</p>
        <Field
          name="withdraw_reason"
          label="撤回理由"
          value={val('withdraw_reason')}
          errors={errs('withdraw')}
          multiline
          required
        />
        <button type="submit" class="secondary">
          撤回
        </button>
      </ActionForm>,
    );
  }
  if (doc.status === 'draft' && neverSubmitted && can(actor, 'documents.edit')) {
    forms.push(
      <ActionForm key="delete" ctx={p.ctx} id="h-delete" title="删除草稿" action={`${base}/delete`}>
        <p>只有从未送审的草稿可以删除；已送审或发布过的文件不能删除。</p>
        <button type="submit" class="secondary">
          删除草稿
        </button>
      </ActionForm>,
    );
  }
  if (forms.length === 0) {
    const note = WAITING[doc.status];
    return note ? <p>{note}</p> : null;
  }
  return (
    <section aria-labelledby="h-actions">
      <h2 id="h-actions">操作</h2>
      {forms}
    </section>
  );
}
