import type { FastifyReply } from 'fastify';
import { render } from 'preact-render-to-string';

type PageVNode = Parameters<typeof render>[0];

/** Server-rendered JSX: preact escapes every interpolated string, so output is escaped by default. */
export function renderHtml(vnode: PageVNode): string {
  return `<!DOCTYPE html>${render(vnode)}`;
}

export function sendHtml(reply: FastifyReply, vnode: PageVNode, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderHtml(vnode));
}
