import { z } from 'zod';
import { FEE_FIELD_LABELS, type FeeMethod, type FeeRequest, MAX_PAGES, MAX_PIECES } from './fee.rules.js';

export const FEE_LABELS = {
  method: '计收方式',
  count: FEE_FIELD_LABELS.count,
  already: FEE_FIELD_LABELS.already,
  pages: FEE_FIELD_LABELS.pages,
};

export const METHOD_NAMES: Record<FeeMethod, string> = { piece: '按件计收', volume: '按量计收' };

const METHOD_MESSAGE = '请选择 piece（按件计收）或 volume（按量计收）';

/** A whole number in a query string; empty or absent means "not given" (undefined). */
const optionalWhole = (max: number) => {
  const message = `应为 0–${max} 的整数`;
  return z
    .string({ message })
    .trim()
    .regex(/^\d*$/, message)
    .refine((v) => v === '' || Number(v) <= max, message)
    .optional()
    .transform((v) => (v ? Number(v) : undefined));
};

/**
 * GET /api/v1/fees/quote and the /apply/fees form. Parameters that belong to the other method are
 * refused rather than ignored: a client sending `pages` with method=piece most likely expects a
 * different answer than the one it would silently get, and 109号第三条 forbids combining the two.
 * `already` is refused with volume because per-volume fees do not accumulate over the month.
 */
export const feeQuoteFields = z
  .object({
    method: z.enum(['piece', 'volume'], { message: METHOD_MESSAGE }),
    count: optionalWhole(MAX_PIECES),
    already: optionalWhole(MAX_PIECES),
    pages: optionalWhole(MAX_PAGES),
  })
  .superRefine((v, ctx) => {
    const issue = (field: 'count' | 'already' | 'pages', message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message });
    if (v.method === 'piece') {
      if (v.count === undefined) issue('count', '必填（按件计收时）');
      if (v.pages !== undefined) issue('pages', '按件计收时不适用，请删去此参数或改用 method=volume');
      if (v.count !== undefined && (v.already ?? 0) + v.count > MAX_PIECES)
        issue('count', `与本月已计件数合计不能超过 ${MAX_PIECES} 件`);
      return;
    }
    if (v.pages === undefined) issue('pages', '必填（按量计收时）');
    if (v.count !== undefined) issue('count', '按量计收时不适用，请删去此参数或改用 method=piece');
    if (v.already !== undefined) issue('already', '按量计收按每次申请计算、不按月累计，请删去此参数');
  });

/** The same schema, narrowed to what each method needs (the refinement guarantees the fields). */
export const feeQuoteQuery = feeQuoteFields.transform(
  (v): FeeRequest =>
    v.method === 'piece'
      ? { method: 'piece', count: v.count ?? 0, already: v.already ?? 0 }
      : { method: 'volume', pages: v.pages ?? 0 },
);
