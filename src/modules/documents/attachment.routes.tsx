import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../platform/errors.js';
import { contentDisposition } from '../../platform/http/download.js';
import { sendHtml } from '../../platform/http/render.js';
import { idParam, parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { uploadedName } from '../../platform/storage/upload-names.js';
import type { FieldErrors } from '../../web/components.js';
import { pageContext } from '../../web/context.js';
import { attachmentPages, attachmentsBase } from './attachment.pages.js';
import { publicAttachmentFile, staffAttachmentFile } from './attachment.read.js';
import {
  type AttachmentUpload,
  addAttachment,
  moveAttachment,
  removeAttachment,
  replaceAttachment,
} from './attachment.service.js';
import { dismissDocumentFinding, documentFindings } from './screening.service.js';

/**
 * Attachment routes (issue 3): the public download of a published document's attachment, and the
 * console page /console/documents/:id/attachments with its forms. Editors change attachments
 * (documents.edit; documents.publish for corrections of published documents); the secrecy reviewer
 * views them and dismisses findings with a reason.
 */

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const params = (r: FastifyRequest) => r.params as Record<string, string>;
const docIdOf = (r: FastifyRequest) => parseInput(idParam, params(r).id, { _: '文件编号' });
const attIdOf = (r: FastifyRequest) => parseInput(idParam, params(r).attachmentId, { _: '附件编号' });

const SAVED: Record<string, string> = {
  added: '附件已上传。',
  replaced: '附件已替换，并已重新进行个人信息筛查。',
  removed: '附件已移除。',
  moved: '附件顺序已调整。',
  dismissed: '已忽略该条筛查结果。',
};

/** The file and its fields as a multipart form sent them. */
const uploadOf = (body: Values): AttachmentUpload => ({
  data: Buffer.isBuffer(body.file) ? body.file : undefined,
  filename: uploadedName(body.file),
  name: str(body.name),
  altText: str(body.alt_text),
});

export { contentDisposition };

function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  f: { name: string; mime: string; sha: string; data: Buffer | Uint8Array },
  cacheControl: string,
) {
  const etag = `"${f.sha}"`;
  reply
    .header('ETag', etag)
    .header('Cache-Control', cacheControl)
    .header('X-Content-Type-Options', 'nosniff');
  const inm = request.headers['if-none-match'];
  if (inm?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
  return reply
    .type(f.mime)
    .header('Content-Disposition', contentDisposition(f.name))
    .send(Buffer.from(f.data));
}

/** Run a form submission; field errors come back as a value so the route can re-render the form. */
async function submit(fn: () => Promise<unknown>): Promise<FieldErrors | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.fields) return e.fields;
    if (e.code === 'CONFLICT') return { _: e.message };
    throw e;
  }
}

export function attachmentRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const maxBytes = deps.config.attachmentMaxBytes;
  const maxMb = Math.round(maxBytes / 1024 / 1024);
  const base = attachmentsBase;
  const { listPage, replacePage, removePage } = attachmentPages(db, maxMb);
  // One byte over the limit is kept, so the service can tell "too large" and say so on the form.
  const upload = {
    permission: 'documents.edit',
    multipartOptions: {
      limits: { fileSize: maxBytes + 1, files: 1, fields: 20 },
      throwFileSizeLimit: false,
    } as Record<string, unknown>,
  };

  app.get(
    '/documents/:id/attachments/:attachmentId',
    { config: { permission: 'public' } },
    async (request, reply) => {
      const f = await publicAttachmentFile(db, docIdOf(request), attIdOf(request));
      if (!f) throw new AppError('NOT_FOUND', { message: '附件不存在或尚未公开' });
      return sendFile(request, reply, f, 'public, no-cache');
    },
  );

  // Reviewers can view: the page checks edit, review or publish after finding the document.
  const staff = { config: { permission: 'authenticated' } };
  const edit = { config: { permission: 'documents.edit' } };
  const savedOf = (r: FastifyRequest) => {
    const key = (r.query as Record<string, unknown>).saved;
    return typeof key === 'string' ? SAVED[key] : undefined;
  };

  app.get('/console/documents/:id/attachments', staff, async (request, reply) => {
    const id = docIdOf(request);
    const ctx = await pageContext(db, request);
    return sendHtml(reply, await listPage(ctx, request.actor, id, { saved: savedOf(request) }));
  });

  app.post('/console/documents/:id/attachments', { config: upload }, async (request, reply) => {
    const id = docIdOf(request);
    const body = (request.body ?? {}) as Values;
    const errors = await submit(() =>
      addAttachment(db, request.actor, id, uploadOf(body), {
        maxBytes,
        correctionNote: str(body.correction_note),
      }),
    );
    if (!errors) return reply.redirect(`${base(id)}?saved=added`, 303);
    const values = { ...body, file: undefined };
    return sendHtml(
      reply,
      await listPage(await pageContext(db, request), request.actor, id, { values, errors }),
      400,
    );
  });

  app.get('/console/documents/:id/attachments/:attachmentId/download', staff, async (request, reply) => {
    const f = await staffAttachmentFile(db, request.actor, docIdOf(request), attIdOf(request));
    return sendFile(request, reply, f, 'private, no-store');
  });

  app.get('/console/documents/:id/attachments/:attachmentId/replace', edit, async (request, reply) => {
    const ctx = await pageContext(db, request);
    return sendHtml(reply, await replacePage(ctx, request.actor, docIdOf(request), attIdOf(request)));
  });

  app.post(
    '/console/documents/:id/attachments/:attachmentId/replace',
    { config: upload },
    async (request, reply) => {
      const [id, attachmentId] = [docIdOf(request), attIdOf(request)];
      const body = (request.body ?? {}) as Values;
      const errors = await submit(() =>
        replaceAttachment(db, request.actor, id, attachmentId, uploadOf(body), {
          maxBytes,
          correctionNote: str(body.correction_note),
        }),
      );
      if (!errors) return reply.redirect(`${base(id)}?saved=replaced`, 303);
      const values = { ...body, file: undefined };
      const ctx = await pageContext(db, request);
      return sendHtml(
        reply,
        await replacePage(ctx, request.actor, id, attachmentId, { values, errors }),
        400,
      );
    },
  );

  app.get('/console/documents/:id/attachments/:attachmentId/remove', edit, async (request, reply) => {
    const ctx = await pageContext(db, request);
    return sendHtml(reply, await removePage(ctx, request.actor, docIdOf(request), attIdOf(request)));
  });

  app.post('/console/documents/:id/attachments/:attachmentId/remove', edit, async (request, reply) => {
    const [id, attachmentId] = [docIdOf(request), attIdOf(request)];
    const body = (request.body ?? {}) as Values;
    const errors = await submit(() =>
      removeAttachment(db, request.actor, id, attachmentId, { correctionNote: str(body.correction_note) }),
    );
    if (!errors) return reply.redirect(`${base(id)}?saved=removed`, 303);
    const ctx = await pageContext(db, request);
    return sendHtml(
      reply,
      await removePage(ctx, request.actor, id, attachmentId, { values: body, errors }),
      400,
    );
  });

  const moveInput = z.object({
    direction: z.enum(['up', 'down'], { message: '应为 up 或 down' }),
    correction_note: z.string().optional(),
  });

  app.post('/console/documents/:id/attachments/:attachmentId/move', edit, async (request, reply) => {
    const [id, attachmentId] = [docIdOf(request), attIdOf(request)];
    const input = parseInput(moveInput, request.body, { direction: '移动方向', correction_note: '更正说明' });
    await moveAttachment(db, request.actor, id, attachmentId, input.direction, {
      correctionNote: input.correction_note ?? null,
    });
    return reply.redirect(`${base(id)}?saved=moved`, 303);
  });

  app.post(
    '/console/documents/:id/attachments/findings/:findingId/dismiss',
    { config: { permission: 'documents.review' } },
    async (request, reply) => {
      const id = docIdOf(request);
      const findingId = parseInput(idParam, params(request).findingId, { _: '筛查结果编号' });
      const body = (request.body ?? {}) as Values;
      const finding = (await documentFindings(db, id)).find((f) => f.id === findingId);
      if (!finding) throw new AppError('NOT_FOUND');
      const errors = await submit(() =>
        dismissDocumentFinding(db, request.actor, findingId, str(body.reason)),
      );
      if (!errors) return reply.redirect(`${base(id)}?saved=dismissed`, 303);
      const ctx = await pageContext(db, request);
      const error = errors.reason ?? errors._ ?? Object.values(errors)[0] ?? '';
      return sendHtml(reply, await listPage(ctx, request.actor, id, { dismiss: { findingId, error } }), 400);
    },
  );
}
