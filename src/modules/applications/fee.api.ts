import type { FastifyInstance } from 'fastify';
import { fieldError } from '../../platform/errors.js';
import type { ApiDoc } from '../../platform/http/openapi.js';
import { parseInput } from '../../platform/http/validation.js';
import { FeeInputError, type FeeLine, type FeeRequest, quoteFee } from './fee.rules.js';
import { FEE_LABELS, feeQuoteFields, feeQuoteQuery } from './fee.schema.js';

/** The quote as the public API publishes it: a contract, `amount` and `breakdown` keep their names. */
export type FeeQuoteBody =
  | { method: 'piece'; count: number; already: number; amount: number; breakdown: FeeLine[] }
  | { method: 'volume'; pages: number; amount: number; breakdown: FeeLine[] };

/**
 * The one use case behind the API and the calculator page. The schema already bounds every
 * parameter; a rule that still refuses its input becomes the same 400 naming the parameter.
 */
export function quote(request: FeeRequest): FeeQuoteBody {
  try {
    const { amount, breakdown } = quoteFee(request);
    return { ...request, amount, breakdown };
  } catch (e) {
    if (!(e instanceof FeeInputError)) throw e;
    throw fieldError(e.field, e.message);
  }
}

/**
 * Parse the query (declared once in fee.schema.ts) and quote: what both routes do. A repeated
 * parameter (?count=1&count=2) is refused first with its own message: the schema alone would report
 * it as missing, since zod issues do not carry the input that failed.
 */
export function quoteFromQuery(query: unknown): FeeQuoteBody {
  const q = (query ?? {}) as Record<string, unknown>;
  for (const [field, label] of Object.entries(FEE_LABELS))
    if (Array.isArray(q[field])) throw fieldError(field, `${label}：只能提供一个值`);
  return quote(parseInput(feeQuoteQuery, query, FEE_LABELS));
}

/** Public JSON API of the information-processing fee calculator (GET only, no sign-in, no data). */
export function feeApi(app: FastifyInstance): void {
  const pub = { config: { permission: 'public', kind: 'json' as const } };
  app.get('/api/v1/fees/quote', pub, async (request) => quoteFromQuery(request.query));
}

export const feeApiDocs: ApiDoc[] = [
  {
    method: 'get',
    path: '/api/v1/fees/quote',
    summary:
      '信息处理费试算（国办函〔2020〕109号）：method=piece 按件计收，count 为本次件数、already 为同一申请人本自然月已计件数（默认 0），超额累进；method=volume 按量计收，pages 为本次申请的页数。amount 为金额（元），breakdown 为分档明细。只能二选一，不得同时按件和按量计收',
    tag: '依申请公开',
    query: feeQuoteFields,
    labels: FEE_LABELS,
    example: {
      method: 'piece',
      count: 35,
      already: 0,
      amount: 3000,
      breakdown: [
        { from: 1, to: 10, units: 10, rate: 0, subtotal: 0, label: '第1—10件，免费' },
        { from: 11, to: 30, units: 20, rate: 100, subtotal: 2000, label: '第11—30件，每件100元' },
        { from: 31, to: 35, units: 5, rate: 200, subtotal: 1000, label: '第31—40件，每件200元' },
      ],
    },
  },
];
