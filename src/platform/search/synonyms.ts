import type { Executor } from '../db/index.js';
import { fold, type SynonymLookup } from './analyse.js';

/**
 * The domain dictionary of equivalent terms (同义词), edited by administrators and applied at query
 * time: a query word equal to one term of a group also matches the group's other terms.
 */

/** Split a group as written (commas, 、, spaces or ↔ between terms) into distinct trimmed terms. */
export function parseTerms(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；\s↔=]+/u)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** The folded lookup of a set of groups; `terms` lists every folded term (extra segmenter words). */
export function lookupOf(groups: readonly string[][]): SynonymLookup & { terms: readonly string[] } {
  const map = new Map<string, Set<string>>();
  for (const g of groups) {
    const folded = [...new Set(g.map((t) => fold(t).replace(/\s+/gu, '')).filter(Boolean))];
    for (const t of folded) {
      const set = map.get(t) ?? new Set<string>();
      for (const o of folded) if (o !== t) set.add(o);
      map.set(t, set);
    }
  }
  const frozen = new Map([...map].map(([k, v]) => [k, Object.freeze([...v])]));
  const lookup = (word: string) => frozen.get(word);
  return Object.assign(lookup, { terms: Object.freeze([...frozen.keys()]) });
}

/** The dictionary as stored now. */
export async function synonymLookup(db: Executor): Promise<SynonymLookup & { terms: readonly string[] }> {
  const rows = await db.selectFrom('search_synonyms').select('terms').execute();
  return lookupOf(rows.map((r) => parseTerms(r.terms)));
}

/** Groups every new installation starts with (editable at /console/search/synonyms). */
export const DEFAULT_SYNONYMS: ReadonlyArray<{ terms: string; note: string }> = [
  { terms: '征地,土地征收,征收土地,集体土地征收', note: '土地管理法第四十七条' },
  { terms: '规资局,规划资源局,规划和自然资源局,自然资源和规划局', note: '机构简称' },
  { terms: '总规,总体规划,国土空间总体规划,城市总体规划', note: '' },
  { terms: '控规,控制性详细规划', note: '' },
  { terms: '详规,详细规划', note: '' },
  { terms: '三调,第三次全国国土调查,第三次国土调查', note: '' },
  { terms: '卖地,土地出让,国有建设用地使用权出让', note: '口语' },
  { terms: '拆迁,房屋征收,征收房屋', note: '口语；国有土地上房屋征收与补偿条例' },
  { terms: '矿权,矿业权', note: '' },
  { terms: '采矿证,采矿许可证', note: '' },
  { terms: '探矿证,勘查许可证', note: '' },
  { terms: '不动产证,不动产权证书,不动产权证,房产证', note: '口语' },
  { terms: '工规证,建设工程规划许可证', note: '' },
  { terms: '地规证,用地规划许可证,建设用地规划许可证', note: '' },
  { terms: '依申请公开,政府信息公开申请,申请公开政府信息', note: '条例第二十七条' },
  { terms: '年报,年度报告', note: '条例第四十九条' },
  { terms: '双随机一公开,双随机、一公开', note: '' },
  { terms: '违建,违法建设', note: '口语' },
  { terms: '地灾,地质灾害', note: '' },
  { terms: '基本农田,永久基本农田', note: '' },
  { terms: '听证,听证会', note: '' },
];
