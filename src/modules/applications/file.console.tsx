import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../platform/actor.js';
import { isAppError } from '../../platform/errors.js';
import { contentDisposition } from '../../platform/http/download.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { ErrorSummary, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import type { DetailPage } from './application.console.js';
import { FilesField } from './application.forms.js';
import { APPLICATION_PERMISSIONS as P } from './application.status.js';
import {
  APPLICATION_FILE_TYPES,
  APPLICATION_FILES_MULTIPART,
  addStaffFiles,
  type listFiles,
  openFile,
  uploadsOf,
} from './file.service.js';

type FileRow = Awaited<ReturnType<typeof listFiles>>[number];

const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

/**
 * The files of an application on its console page: a list (names and sizes for everyone who reads
 * applications; downloads for those who may see the applicant's personal data, audited) and, for the
 * 公开办, a form to add scanned pages of a paper application.
 */
export function FilesSection(p: {
  ctx: PageContext;
  id: number;
  files: FileRow[];
  mayOpen: boolean;
  errors?: FieldErrors | undefined;
}) {
  return (
    <section aria-labelledby="h-files">
      <h2 id="h-files">附件</h2>
      {p.files.length === 0 ? (
        <p>没有附件。</p>
      ) : (
        <ul>
          {p.files.map((f) => {
            const text = `${f.name}（${APPLICATION_FILE_TYPES[f.mime]?.label ?? f.mime}，${size(f.size)}，${f.source === 'applicant' ? '申请人提交' : '公开办添加'}）`;
            return (
              <li key={f.id}>
                {p.mayOpen ? <a href={`/console/applications/${p.id}/files/${f.id}`}>{text}</a> : text}
              </li>
            );
          })}
        </ul>
      )}
      {p.files.length > 0 && (
        <p class="hint">
          {p.mayOpen
            ? '附件可能含有申请人的个人信息，每次下载都记入审计日志。'
            : '附件可能含有申请人的个人信息，仅公开办和承办单位的办理人员可以下载。'}
        </p>
      )}
      {can(p.ctx.actor, P.intake) && (
        <Form
          ctx={p.ctx}
          action={`/console/applications/${p.id}/files`}
          label="添加附件"
          class="form action-form"
          multipart
        >
          <h3>添加附件（如纸质申请的扫描件）</h3>
          <ErrorSummary errors={p.errors} />
          <FilesField errors={p.errors} />
          <button type="submit">上传</button>
        </Form>
      )}
    </section>
  );
}

export function fileConsole(app: FastifyInstance, deps: AppDeps, detailPage: DetailPage): void {
  const { db, config } = deps;
  const params = (r: FastifyRequest) => r.params as Record<string, string>;
  const idOf = (r: FastifyRequest) => parseInput(idParam, params(r).id, { _: '申请编号' });

  app.get(
    '/console/applications/:id/files/:fileId',
    { config: { permission: P.read, cache: false } },
    async (request, reply) => {
      const fileId = parseInput(idParam, params(request).fileId, { _: '附件编号' });
      const f = await openFile({ db, config }, request.actor, idOf(request), fileId);
      return reply
        .type(f.mime)
        .header('Content-Disposition', contentDisposition(f.name))
        .header('Cache-Control', 'private, no-store')
        .header('X-Content-Type-Options', 'nosniff')
        .send(f.data);
    },
  );

  app.post(
    '/console/applications/:id/files',
    { config: { permission: P.intake, multipartOptions: APPLICATION_FILES_MULTIPART } },
    async (request, reply) => {
      const id = idOf(request);
      const { files } = (request.body ?? {}) as Record<string, unknown>;
      try {
        await addStaffFiles({ db, config }, request.actor, id, uploadsOf(files));
        return reply.redirect(`/console/applications/${id}?done=files`, 303);
      } catch (e) {
        if (!isAppError(e) || !e.fields) throw e;
        return sendHtml(reply, await detailPage(request, id, { filesErrors: e.fields }), 400);
      }
    },
  );
}
