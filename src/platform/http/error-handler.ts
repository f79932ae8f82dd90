import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { fallbackContext, pageContext } from '../../web/context.js';
import { ErrorPage } from '../../web/error-page.js';
import type { Db } from '../db/index.js';
import { AppError, isAppError } from '../errors.js';
import { isJsonRequest } from './pipeline.js';
import { sendHtml } from './render.js';

/** Map framework errors (bad JSON, oversized body, unsupported type) onto our stable codes. */
function toAppError(error: FastifyError | Error): AppError {
  if (isAppError(error)) return error;
  const fe = error as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413)
    return new AppError('PAYLOAD_TOO_LARGE', { cause: error });
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED', { cause: error });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return new AppError('BAD_REQUEST', { cause: error, details: fe.message });
  return new AppError('INTERNAL', { cause: error });
}

export function installErrorHandler(app: FastifyInstance, db: Db): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const e = toAppError(error);
    if (e.code === 'INTERNAL') request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    else request.log.info({ code: e.code, details: e.details, reqId: request.id }, 'request rejected');
    return respond(e, request, reply, db);
  });
  app.setNotFoundHandler(async (request, reply) => respond(new AppError('NOT_FOUND'), request, reply, db));
}

async function respond(e: AppError, request: FastifyRequest, reply: FastifyReply, db: Db) {
  if (e.code === 'RATE_LIMITED') reply.header('Retry-After', '60');
  if (isJsonRequest(request)) return reply.code(e.status).send(e.toJSON(request.id));
  const back = encodeURIComponent(request.url);
  if (e.code === 'UNAUTHENTICATED') return reply.redirect(`/console/login?next=${back}`, 303);
  if (e.code === 'SESSION_EXPIRED') return reply.redirect(`/console/login?expired=1&next=${back}`, 303);
  if (e.code === 'PASSWORD_CHANGE_REQUIRED') return reply.redirect('/console/password', 303);
  const ctx = await pageContext(db, request).catch(() => fallbackContext(request));
  return sendHtml(
    reply,
    h(ErrorPage, {
      ctx,
      status: e.status,
      message: e.message,
      requestId: e.status >= 500 ? String(request.id) : undefined,
      fields: e.fields,
    }) as unknown as Parameters<typeof sendHtml>[1],
    e.status,
  );
}
