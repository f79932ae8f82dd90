import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Actor } from './actor.js';
import type { Db, DialectName } from './db/index.js';
import type { ApiDoc } from './http/openapi.js';
import type { JobDefinition, JobQueue, ScheduleDefinition } from './jobs/queue.js';

/** What a module may use: handed to its manifest, never imported from app.ts. */
export interface AppDeps {
  db: Db;
  dialect: DialectName;
  config: Config;
  jobs: JobQueue;
  /** Warnings modules raise for the console's front page (e.g. a calendar year without data). */
  alerts(actor: Actor): Promise<ConsoleAlert[]>;
  /** Every module's documented public JSON endpoints. */
  apiDocs(): ApiDoc[];
}

export interface ConsoleAlert {
  level: 'warning' | 'info';
  text: string;
  href?: string;
}

export interface PermissionDef {
  code: string;
  name: string;
}

/** A module's manifest (its index.ts): one line in modules/index.ts mounts it. */
export interface ModuleManifest {
  name: string;
  permissions?: PermissionDef[];
  routes?(app: FastifyInstance, deps: AppDeps): void | Promise<void>;
  jobs?: JobDefinition[] | ((deps: AppDeps) => JobDefinition[]);
  schedules?: ScheduleDefinition[];
  alerts?(deps: AppDeps, actor: Actor): Promise<ConsoleAlert[]>;
  /** Public JSON endpoints for /api/v1/openapi.json. */
  apiDocs?: ApiDoc[];
}
