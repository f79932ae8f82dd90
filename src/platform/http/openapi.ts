import { z } from 'zod';

/** One documented JSON endpoint: its query schema is the same zod schema the route parses with. */
export interface ApiDoc {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  /** JSON request body: the same zod schema the route parses with. */
  body?: z.ZodType;
  /** Needs `Authorization: Bearer gk_…` (staff write API) and this permission. */
  permission?: string;
  /** Success status when not 200 (e.g. 201 Created). */
  status?: number;
  labels?: Record<string, string>;
  /** A real example response body. */
  example?: unknown;
}

interface JsonSchemaObject {
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
}

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

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
    for (const name of d.path.match(/\{(\w+)\}/g) ?? []) {
      const p = name.slice(1, -1);
      parameters.unshift({
        name: p,
        in: 'path',
        required: true,
        description: d.labels?.[p],
        schema: { type: 'integer' },
      });
    }
    const auth = d.permission
      ? {
          security: [{ bearerAuth: [] }],
          'x-permission': d.permission,
          description: `需要 API 令牌，且令牌所属用户具有权限 ${d.permission}。`,
        }
      : {};
    const errors = d.permission
      ? {
          '401': { description: '缺少令牌，或令牌无效、已过期、已吊销', content: errorContent },
          '403': { description: '令牌所属用户没有所需权限', content: errorContent },
          '409': { description: '当前状态不允许此操作', content: errorContent },
        }
      : {};
    paths[d.path] = {
      ...(paths[d.path] ?? {}),
      [d.method]: {
        summary: d.summary,
        tags: [d.tag],
        ...auth,
        parameters,
        ...(d.body
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/json': {
                    schema: z.toJSONSchema(d.body, { io: 'input', unrepresentable: 'any' }),
                  },
                },
              },
            }
          : {}),
        responses: {
          [String(d.status ?? 200)]: {
            description: '成功',
            ...(d.example ? { content: { 'application/json': { example: d.example } } } : {}),
          },
          ...errors,
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
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: '管理后台“API 令牌”页面创建的 gk_… 令牌' },
      },
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
