import { z } from 'zod';

/** One documented JSON endpoint: its query schema is the same zod schema the route parses with. */
export interface ApiDoc {
  method: 'get' | 'post';
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  labels?: Record<string, string>;
  /** A real example response body. */
  example?: unknown;
}

interface JsonSchemaObject {
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
}

/** Build the OpenAPI 3.1 document from the modules' declarations. */
export function openApiDocument(docs: ApiDoc[], info: { title: string; version: string; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const d of docs) {
    const schema = d.query ? (z.toJSONSchema(d.query, { io: 'input' }) as JsonSchemaObject) : {};
    const parameters = Object.entries(schema.properties ?? {}).map(([name, s]) => ({
      name,
      in: 'query',
      required: schema.required?.includes(name) ?? false,
      description: d.labels?.[name],
      schema: s,
    }));
    paths[d.path] = {
      ...(paths[d.path] ?? {}),
      [d.method]: {
        summary: d.summary,
        tags: [d.tag],
        parameters,
        responses: {
          '200': {
            description: '成功',
            ...(d.example ? { content: { 'application/json': { example: d.example } } } : {}),
          },
          '400': {
            description: '参数错误：error.fields 以中文指明字段',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', description: '稳定的错误码，见 docs/errors.md' },
                message: { type: 'string' },
                fields: { type: 'object', additionalProperties: { type: 'string' } },
                requestId: { type: 'string' },
              },
            },
          },
        },
      },
    },
  };
}
