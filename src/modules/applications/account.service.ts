import type { Config } from '../../config.js';
import { cipherOf, hashPassword, hmacSm3, randomToken, verifyPassword } from '../../platform/crypto.js';
import { type Db, inTransaction, nowIso } from '../../platform/db/index.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { enforceRateLimit } from '../../platform/http/rate-limit.js';
import { passwordProblems } from '../accounts/index.js';
import * as repo from './account.repository.js';
import * as appRepo from './application.repository.js';
import type { WorkflowDeps } from './application.service.js';
import { maskEmail } from './identity.rules.js';
import { authenticate, type PublicStatus, publicStatus } from './status.service.js';

/**
 * Optional applicant accounts (issue 5): nobody needs one to apply; one who opens an account (e-mail
 * and password) sees the applications submitted while signed in, and can add earlier ones with their
 * query code and password. The e-mail is sealed and found by a keyed hash; the password follows the
 * platform's policy; sign-in failures are rate-limited per address and per account; sessions are the
 * applicant's own (cookie gk_asid, 7 days, only the HMAC of the token stored).
 */
export const APPLICANT_COOKIE = 'gk_asid';
const SESSION_DAYS = 7;
const RULES = {
  register: { name: 'applicant-register-ip', limit: 10, windowSeconds: 60 * 60 },
  loginIp: { name: 'applicant-login-ip', limit: 30, windowSeconds: 15 * 60 },
  loginAccount: { name: 'applicant-login-account', limit: 10, windowSeconds: 15 * 60 },
  claim: { name: 'applicant-claim-ip', limit: 30, windowSeconds: 15 * 60 },
};

type Keys = Pick<Config, 'dataKey' | 'oldDataKeys' | 'sessionSecret'>;
export type AccountDeps = { db: Db; config: Keys & WorkflowDeps['config']; today?: string };

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
const normalEmail = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
const emailKey = (c: Keys, email: string) => hmacSm3(`${c.dataKey}/applicant-account`, email);
const sessionId = (c: Keys, token: string) => hmacSm3(c.sessionSecret, `applicant-session:${token}`);

function checkEmail(email: string): string {
  if (!email) throw fieldError('email', '电子邮箱：必填');
  if (email.length > 200 || !EMAIL.test(email)) throw fieldError('email', '电子邮箱：格式不正确');
  return email;
}

async function startSession(deps: AccountDeps, accountId: number): Promise<string> {
  const token = randomToken(32);
  const now = new Date();
  await repo.insertSession(deps.db, {
    id: sessionId(deps.config, token),
    account_id: accountId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
  });
  return token;
}

/** Open an account; returns the session token for the cookie. */
export async function registerAccount(
  deps: AccountDeps,
  input: { email: unknown; password: unknown; confirm: unknown },
  ip: string,
): Promise<string> {
  const email = checkEmail(normalEmail(input.email));
  const password = typeof input.password === 'string' ? input.password : '';
  const problems = passwordProblems(password, email.split('@')[0]!);
  if (problems.length) throw fieldError('password', `密码：${problems.join('；')}`);
  if (input.confirm !== password) throw fieldError('confirm', '确认密码：两次输入的密码不一致');
  await enforceRateLimit(deps.db, RULES.register, ip);
  const key = emailKey(deps.config, email);
  if (await repo.findAccountByKey(deps.db, key))
    throw fieldError('email', '电子邮箱：该邮箱已开通账户，请直接登录');
  const hash = await hashPassword(password);
  const id = await inTransaction(deps.db, (trx) =>
    repo.insertAccount(trx, {
      email_key: key,
      email_sealed: cipherOf(deps.config).encrypt(email),
      email_masked: maskEmail(email),
      password_hash: hash,
      created_at: nowIso(),
    }),
  );
  return startSession(deps, id);
}

const WRONG = '电子邮箱或密码不正确';
// A hash to verify against for unknown addresses, so they take as long as a wrong password.
const DUMMY = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function signIn(deps: AccountDeps, input: { email: unknown; password: unknown }, ip: string) {
  const email = normalEmail(input.email);
  const password = typeof input.password === 'string' ? input.password : '';
  if (!email || !password) throw new AppError('VALIDATION_FAILED', { message: WRONG, fields: { _: WRONG } });
  const key = emailKey(deps.config, email);
  await enforceRateLimit(deps.db, RULES.loginIp, ip);
  await enforceRateLimit(deps.db, RULES.loginAccount, key);
  const account = await repo.findAccountByKey(deps.db, key);
  const ok = await verifyPassword(password, account?.password_hash ?? DUMMY);
  if (!account || !ok) throw new AppError('VALIDATION_FAILED', { message: WRONG, fields: { _: WRONG } });
  await repo.touchLogin(deps.db, account.id, nowIso());
  return startSession(deps, account.id);
}

export async function signOut(deps: AccountDeps, token: string | undefined): Promise<void> {
  if (token) await repo.deleteSession(deps.db, sessionId(deps.config, token));
}

/** The signed-in applicant, from the cookie: their account id and masked e-mail, or null. */
export async function currentAccount(deps: AccountDeps, token: string | undefined) {
  if (!token || token.length > 100) return null;
  const s = await repo.findSession(deps.db, sessionId(deps.config, token), nowIso());
  if (!s) return null;
  const a = await repo.findAccount(deps.db, s.account_id);
  return a ? { id: a.id, emailMasked: a.email_masked } : null;
}

export const accountApplications = (deps: AccountDeps, accountId: number) =>
  repo.accountApplications(deps.db, accountId);

/** Add an application submitted earlier (or on paper) to the account, with its query code and password. */
export async function claimApplication(
  deps: AccountDeps,
  accountId: number,
  input: { code: unknown; password: unknown },
  ip: string,
): Promise<void> {
  const code = typeof input.code === 'string' ? input.code.trim().toUpperCase() : '';
  const password = typeof input.password === 'string' ? input.password.trim() : '';
  if (!code) throw fieldError('code', '查询码：必填');
  if (!password) throw fieldError('password', '查询密码：必填');
  await enforceRateLimit(deps.db, RULES.claim, ip);
  const app = await authenticate(deps, code, password).catch(() => {
    throw fieldError('code', '查询码或查询密码不正确');
  });
  if (!(await repo.linkApplication(deps.db, app.id, accountId)))
    throw fieldError('code', '该申请已添加到另一个账户');
}

/** One of the account's own applications, as the status page shows it. */
export async function ownApplication(
  deps: AccountDeps,
  accountId: number,
  code: string,
): Promise<PublicStatus> {
  const app = await appRepo.findByTrackingCode(deps.db, code);
  if (!app || app.account_id !== accountId)
    throw new AppError('NOT_FOUND', { message: '您的账户中没有这件申请' });
  return publicStatus(deps, app);
}

export async function pruneApplicantSessions(db: Db): Promise<void> {
  await repo.deleteExpiredSessions(db, nowIso());
}
