import type { Executor } from '../db/index.js';
import { nowIso } from '../db/index.js';
import * as repo from './settings.repository.js';

/** The site profile shown in the footer and the government meta tags (页面标签). */
export interface SiteProfile {
  siteName: string;
  siteDomain: string;
  siteIdCode: string;
  sponsor: string;
  address: string;
  phone: string;
  icp: string;
  psb: string;
}

export const SITE_PROFILE_DEFAULTS: SiteProfile = {
  siteName: '市规划和自然资源局政务公开平台',
  siteDomain: 'localhost',
  siteIdCode: '',
  sponsor: '市规划和自然资源局',
  address: '',
  phone: '',
  icp: '',
  psb: '',
};

export const SITE_PROFILE_KEYS = Object.keys(SITE_PROFILE_DEFAULTS) as (keyof SiteProfile)[];

/**
 * Settings are read through a 5-second cache: another node sees a change within 5 s, which is
 * acceptable for a footer. Anything that must be exact reads the database directly.
 */
const TTL_MS = 5_000;
const cache = new WeakMap<object, { at: number; value: Record<string, string> }>();

export async function readSettings(db: Executor, fresh = false): Promise<Record<string, string>> {
  const hit = cache.get(db);
  if (!fresh && hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = await repo.allSettings(db);
  cache.set(db, { at: Date.now(), value });
  return value;
}

export async function siteProfile(db: Executor): Promise<SiteProfile> {
  const s = await readSettings(db);
  const profile = { ...SITE_PROFILE_DEFAULTS };
  for (const k of SITE_PROFILE_KEYS) if (s[`site.${k}`] !== undefined) profile[k] = s[`site.${k}`] as string;
  return profile;
}

export async function saveSiteProfile(db: Executor, profile: SiteProfile): Promise<void> {
  const at = nowIso();
  for (const k of SITE_PROFILE_KEYS) await repo.upsertSetting(db, `site.${k}`, profile[k], at);
  cache.delete(db);
}

/** One setting read from the database now (no cache), or undefined. */
export async function readSetting(db: Executor, key: string): Promise<string | undefined> {
  return (await repo.allSettings(db))[key];
}

export async function writeSetting(db: Executor, key: string, value: string): Promise<void> {
  await repo.upsertSetting(db, key, value, nowIso());
  cache.delete(db);
}
