/**
 * The one error type of the platform. Every code has a stable name, an HTTP status and a safe
 * Chinese message; docs/errors.md lists them all and a test keeps the two in step.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请按提示修改' },
  BAD_REQUEST: { status: 400, message: '请求格式不正确' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '长时间未操作，登录已失效，请重新登录' },
  LOGIN_FAILED: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '连续登录失败次数过多，账号已临时锁定，请 15 分钟后再试' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系系统管理员' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '请先修改密码（首次登录、密码已重置或已过期）' },
  PASSWORD_POLICY: { status: 400, message: '新密码不符合密码策略' },
  FORBIDDEN: { status: 403, message: '您没有执行此操作的权限' },
  CSRF_INVALID: { status: 403, message: '页面已过期或请求来源不可信，请刷新页面后重试' },
  NOT_FOUND: { status: 404, message: '您访问的页面或资源不存在' },
  CONFLICT: { status: 409, message: '数据已被修改或已存在，请刷新后重试' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  NOT_READY: { status: 503, message: '服务尚未就绪' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  /** Field name → Chinese message naming the field; shown to users. */
  readonly fields: Record<string, string> | undefined;
  /** For logs only, never shown to users. */
  readonly details: unknown;

  constructor(
    code: ErrorCode,
    options: { message?: string; fields?: Record<string, string>; details?: unknown; cause?: unknown } = {},
  ) {
    super(options.message ?? ERROR_CODES[code].message, { cause: options.cause });
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.fields = options.fields;
    this.details = options.details;
  }

  /** The body every JSON error reply has. */
  toJSON(requestId?: string) {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
        ...(requestId ? { requestId } : {}),
      },
    };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Shorthand for a single-field validation failure. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { message, fields: { [field]: message } });
}
