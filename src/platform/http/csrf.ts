import { hmacSm3, randomToken, safeEqual } from '../crypto.js';

/**
 * CSRF protection (synchroniser token). With a session the token is the session's own; without one
 * (login and public forms) a random cookie is paired with its HMAC, which goes into the form.
 */
export const CSRF_COOKIE = 'gk_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function anonymousCsrfToken(secret: string, cookieValue: string): string {
  return hmacSm3(secret, `csrf:${cookieValue}`);
}

export function newCsrfCookieValue(): string {
  return randomToken(18);
}

export function csrfValid(options: {
  secret: string;
  sessionToken: string | null;
  cookieValue: string | undefined;
  submitted: string | undefined;
}): boolean {
  const { submitted } = options;
  if (!submitted) return false;
  if (options.sessionToken) return safeEqual(submitted, options.sessionToken);
  if (!options.cookieValue) return false;
  return safeEqual(submitted, anonymousCsrfToken(options.secret, options.cookieValue));
}
