import { formatDate } from '../../platform/time.js';
import { ErrorSummary, Field, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { INTAKE_LABELS, LOOKUP_LABELS } from './application.schema.js';
import { FEE_PAGE_PATH } from './fee.pages.js';
import {
  APPLICATION_FILE_MAX_BYTES,
  APPLICATION_FILES_ACCEPT,
  APPLICATION_FILES_MAX,
} from './file.service.js';
import { ID_DOCUMENT_TYPES, ID_DOCUMENTS } from './identity.rules.js';
import { DELIVERIES, FORMS_WANTED } from './intake.rules.js';
import type { Receipt } from './intake.service.js';
import { APPLICANT_TYPES, applicantTypeLabel } from './reply.rules.js';
import type { PublicStatus } from './status.service.js';

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const options = (o: Record<string, string>) => [
  { value: '', label: '请选择' },
  ...Object.entries(o).map(([value, label]) => ({ value, label })),
];

export function Steps() {
  return (
    <ol>
      <li>
        填写申请表：申请人信息、身份证明、联系方式，以及所需政府信息的名称、文号或者便于查询的其他特征描述（条例第二十九条）。
      </li>
      <li>提交后取得回执：回执上的查询码和查询密码用于查询办理进度，请妥善保存。</li>
      <li>
        公开办与您确认后登记，确认之日为收到申请之日（条例第三十一条）；自收到申请之日起 20
        个工作日内答复，需要延长的，经批准并告知您，延长不超过 20 个工作日（条例第三十三条）。
      </li>
      <li>
        申请内容不明确的，我们在 7
        个工作日内一次性告知需要补正的事项，答复期限自收到补正申请之日起计算（条例第三十条）。
      </li>
      <li>征求第三方或者其他机关意见所需时间不计算在答复期限内（条例第三十三条第三款）。</li>
    </ol>
  );
}

export function ApplyForm({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values: Values;
  errors?: FieldErrors;
}) {
  const _v = (k: string) => str(values[k]);
  return (
    <Form ctx={ctx} action="/apply/form" label="政府信息公开申请表" multipart>
      <ErrorSummary errors={errors} />
      <IntakeFields values={values} errors={errors} />
      <FilesField errors={errors} />
      <p class="hint">
        提交即表示您确认所填信息真实。依申请提供政府信息一般不收费；申请数量、频次明显超过合理范围的，可能收取信息处理费，可先
        <a href={FEE_PAGE_PATH}>试算</a>。
      </p>
      <button type="submit">提交申请</button>
    </Form>
  );
}

/** Attachments of an application (optional): identity document copy, power of attorney, maps. */
export function FilesField({ errors }: { errors?: FieldErrors | undefined }) {
  return (
    <Field
      name="files"
      label="附件（选填）"
      type="file"
      multiple
      accept={APPLICATION_FILES_ACCEPT}
      errors={errors}
      hint={`如身份证明复印件、授权委托书、地块位置图等；最多 ${APPLICATION_FILES_MAX} 个，每个不超过 ${APPLICATION_FILE_MAX_BYTES / 1024 / 1024} MB，PDF、JPG、PNG 或 Word（.docx）。附件加密保存，仅办理人员可查看。出错时需重新选择附件。`}
    />
  );
}

export function ReceiptView({ r }: { r: Receipt }) {
  return (
    <section aria-labelledby="h-receipt" class="receipt">
      <h2 id="h-receipt">申请回执</h2>
      <p role="status">您的申请已提交。公开办确认后即登记，确认之日为收到申请之日。</p>
      <dl>
        <dt>查询码</dt>
        <dd>
          <strong>{r.trackingCode}</strong>
        </dd>
        <dt>查询密码</dt>
        <dd>
          <strong>{r.password}</strong>
        </dd>
        {!!r.files?.length && (
          <>
            <dt>附件</dt>
            <dd>
              {r.files.length} 个（{r.files.join('、')}）
            </dd>
          </>
        )}
      </dl>
      <p>
        查询密码只显示这一次，请立即记录或打印本页。凭查询码和查询密码可在
        <a href="/apply/status">办理进度查询</a>查看进度和答复期限。
      </p>
    </section>
  );
}

function WithdrawForm({ ctx, code }: { ctx: PageContext; code: string }) {
  return (
    <Form ctx={ctx} action="/apply/withdraw" label="撤回申请">
      <h3>撤回申请</h3>
      <p>撤回后本机关不再处理该申请。请再次输入查询密码确认。</p>
      <input type="hidden" name="code" value={code} />
      <Field name="password" label={LOOKUP_LABELS.password} required type="password" autocomplete="off" />
      <Field name="reason" label="撤回原因（可选）" multiline />
      <button type="submit">撤回申请</button>
    </Form>
  );
}

export function StatusView({ s, ctx }: { s: PublicStatus; ctx: PageContext }) {
  return (
    <section aria-labelledby="h-status">
      <h2 id="h-status">办理进度</h2>
      <dl>
        <dt>查询码</dt>
        <dd>{s.trackingCode}</dd>
        <dt>所需信息</dt>
        <dd>{s.subject}</dd>
        <dt>申请方式</dt>
        <dd>{s.channel}</dd>
        <dt>当前状态</dt>
        <dd>
          <strong>{s.statusLabel}</strong>
        </dd>
        <dt>收到申请之日</dt>
        <dd>{s.receivedOn ? `${s.receivedOn}（${s.receiptBasis ?? ''}）` : '待公开办确认'}</dd>
        {s.clock && (
          <>
            <dt>答复期限</dt>
            <dd>
              {s.clock.dueDate ?? `暂停计算中（如今日恢复，为 ${s.clock.projectedDueDate}）`}
              {s.clock.dueDate &&
                `，已计 ${s.clock.countedDays} 个工作日，尚余 ${s.clock.remainingDays} 个工作日`}
            </dd>
          </>
        )}
      </dl>
      {s.clock && (
        <details>
          <summary>答复期限是怎样算出来的</summary>
          <ol>
            {s.clock.explanation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        </details>
      )}
      <h3>办理记录</h3>
      <ol class="timeline">
        {s.timeline.map((e) => (
          <li key={`${e.at}${e.text}`}>
            <time dateTime={e.at}>{formatDate(e.at)}</time> {e.text}
          </li>
        ))}
      </ol>
      {s.canWithdraw && <WithdrawForm ctx={ctx} code={s.trackingCode} />}
    </section>
  );
}

/** The applicant's and the request's fields (条例第二十九条), shared by the public form and staff registration. */
export function IntakeFields({ values, errors }: { values: Values; errors?: FieldErrors | undefined }) {
  const v = (k: string) => str(values[k]);
  return (
    <>
      <fieldset>
        <legend>申请人信息</legend>
        <Field
          name="applicantType"
          label={INTAKE_LABELS.applicantType}
          required
          value={v('applicantType')}
          errors={errors}
          options={options(Object.fromEntries(APPLICANT_TYPES.map((t) => [t, applicantTypeLabel(t)])))}
        />
        <Field
          name="name"
          label={INTAKE_LABELS.name}
          required
          value={v('name')}
          errors={errors}
          autocomplete="name"
          hint="自然人填写姓名；法人或其他组织填写全称"
        />
        <Field
          name="idType"
          label={INTAKE_LABELS.idType}
          required
          value={v('idType')}
          errors={errors}
          options={options(Object.fromEntries(ID_DOCUMENT_TYPES.map((t) => [t, ID_DOCUMENTS[t].name])))}
          hint="自然人一般选择居民身份证；法人或其他组织选择统一社会信用代码"
        />
        <Field
          name="idNumber"
          label={INTAKE_LABELS.idNumber}
          required
          value={v('idNumber')}
          errors={errors}
          hint="证件号码加密保存，仅办理人员可见"
        />
        <Field
          name="contactName"
          label={INTAKE_LABELS.contactName}
          value={v('contactName')}
          errors={errors}
          hint="法人或其他组织请填写经办人"
        />
        <Field
          name="phone"
          label={INTAKE_LABELS.phone}
          required
          type="tel"
          value={v('phone')}
          errors={errors}
          autocomplete="tel"
        />
        <Field
          name="email"
          label={INTAKE_LABELS.email}
          type="email"
          value={v('email')}
          errors={errors}
          autocomplete="email"
          hint="选择电子邮件送达时必填"
        />
        <Field
          name="address"
          label={INTAKE_LABELS.address}
          value={v('address')}
          errors={errors}
          autocomplete="street-address"
          hint="选择邮寄送达时必填"
        />
        <Field
          name="postcode"
          label={INTAKE_LABELS.postcode}
          value={v('postcode')}
          errors={errors}
          autocomplete="postal-code"
        />
      </fieldset>
      <fieldset>
        <legend>所需政府信息</legend>
        <Field
          name="subject"
          label={INTAKE_LABELS.subject}
          required
          value={v('subject')}
          errors={errors}
          hint="文件名称、标题，或者能够确定所需信息的简要说明"
        />
        <Field
          name="docNumber"
          label={INTAKE_LABELS.docNumber}
          value={v('docNumber')}
          errors={errors}
          hint="如知道，请填写，例如：示规资发〔2021〕12号"
        />
        <Field
          name="description"
          label={INTAKE_LABELS.description}
          multiline
          value={v('description')}
          errors={errors}
          hint="地块位置、项目名称、时间范围等便于查找的特征"
        />
        <Field
          name="formWanted"
          label={INTAKE_LABELS.formWanted}
          required
          value={v('formWanted')}
          errors={errors}
          options={options(FORMS_WANTED)}
        />
        <Field
          name="delivery"
          label={INTAKE_LABELS.delivery}
          required
          value={v('delivery')}
          errors={errors}
          options={options(DELIVERIES)}
        />
      </fieldset>
    </>
  );
}
