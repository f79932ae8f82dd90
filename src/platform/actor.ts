/** Who is doing something: a signed-in user, an anonymous visitor, or the system itself (jobs, CLI). */
export interface Actor {
  userId: number | null;
  username: string;
  name: string;
  orgId: number | null;
  roles: string[];
  permissions: ReadonlySet<string>;
  ip: string;
  /** Set when the request authenticated with an API bearer token: audit entries name the token. */
  apiTokenId?: number;
}

export const ANONYMOUS = (ip: string): Actor => ({
  userId: null,
  username: '',
  name: '访客',
  orgId: null,
  roles: [],
  permissions: new Set(['public']),
  ip,
});

export const SYSTEM: Actor = {
  userId: null,
  username: 'system',
  name: '系统',
  orgId: null,
  roles: ['system'],
  permissions: new Set(['public']),
  ip: '-',
};

/** The CLI acts as the operator at the shell, recorded under the OS user name. */
export function cliActor(): Actor {
  return { ...SYSTEM, username: 'cli', name: `命令行(${process.env.USER ?? 'unknown'})`, roles: ['cli'] };
}

export function can(actor: Actor, permission: string): boolean {
  return permission === 'public' || actor.permissions.has(permission);
}
