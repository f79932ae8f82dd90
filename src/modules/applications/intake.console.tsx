import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../../platform/errors.js';
import { sendHtml } from '../../platform/http/render.js';
import { parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { todayCst } from '../../platform/time.js';
import { ErrorSummary, Field, type FieldErrors, Form } from '../../web/components.js';
import { ConsolePage } from '../../web/console-layout.js';
import { type PageContext, pageContext } from '../../web/context.js';
import type { DetailPage } from './application.console.js';
import { FilesField, IntakeFields } from './application.forms.js';
import { INTAKE_LABELS, intakeSchema } from './application.schema.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import { APPLICATION_FILES_MULTIPART, uploadsOf } from './file.service.js';
import { CHANNEL_RULES, CHANNELS } from './intake.rules.js';
import { registerReceivedApplication } from './intake.service.js';

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

const registerSchema = intakeSchema.extend({
  channel: z.enum(CHANNELS, { message: '请选择' }),
  receivedOn: z
    .string({ message: '必填' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '格式应为 YYYY-MM-DD'),
});

/** The 公开办 registers an application received in person, by post, fax or e-mail (条例第三十一条). */
export function intakeConsole(app: FastifyInstance, deps: AppDeps, detailPage: DetailPage): void {
  const { db, config } = deps;
  const intake = { config: { permission: P.intake } };
  const upload = { config: { permission: P.intake, multipartOptions: APPLICATION_FILES_MULTIPART } };
  const ctxOf = (r: FastifyRequest) => pageContext(db, r);
  const newPage = (ctx: PageContext, values: Values, errors?: FieldErrors) => {
    const v = (k: string) => str(values[k]);
    const opts = (o: Record<string, string>) => [
      { value: '', label: '请选择' },
      ...Object.entries(o).map(([value, label]) => ({ value, label })),
    ];
    return (
      <ConsolePage ctx={ctx} title="登记申请">
        <p>
          <a href="/console/applications">返回申请列表</a>
        </p>
        <Form ctx={ctx} action="/console/applications" label="登记申请" multipart>
          <ErrorSummary errors={errors} />
          <Field
            name="channel"
            label={INTAKE_LABELS.channel}
            required
            value={v('channel')}
            errors={errors}
            options={opts(
              Object.fromEntries(
                CHANNELS.map((c) => [
                  c,
                  `${CHANNEL_RULES[c].label}（以${CHANNEL_RULES[c].receivedOn}为收到申请之日）`,
                ]),
              ),
            )}
          />
          <Field
            name="receivedOn"
            label={INTAKE_LABELS.receivedOn}
            required
            type="date"
            value={v('receivedOn') || todayCst()}
            errors={errors}
            hint="按条例第三十一条：当面提交为提交之日；需签收的邮件为签收之日；平常信函为与申请人确认之日；网络、传真为双方确认之日"
          />
          <IntakeFields values={values} errors={errors} />
          <FilesField errors={errors} />
          <button type="submit">登记</button>
        </Form>
      </ConsolePage>
    );
  };

  app.get('/console/applications/new', intake, async (request, reply) =>
    sendHtml(reply, newPage(await ctxOf(request), {})),
  );

  app.post('/console/applications', upload, async (request, reply) => {
    const { files, ...body } = (request.body ?? {}) as Values;
    try {
      const input = parseInput(registerSchema, body, INTAKE_LABELS);
      const r = await registerReceivedApplication({ db, config }, request.actor, input, uploadsOf(files));
      // The password is shown once, in this answer: never in a URL (URLs end up in logs).
      return sendHtml(reply, await detailPage(request, r.id, { receipt: r }));
    } catch (e) {
      if (!isAppError(e) || !e.fields) throw e;
      return sendHtml(reply, newPage(await ctxOf(request), body, e.fields), 400);
    }
  });
}
