import type { Actor } from '../actor.js';

export type DisplayMode = 'normal' | 'care';

export interface SessionInfo {
  id: string;
  userId: number;
  csrfToken: string;
  mustChangePassword: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * What the route needs: 'public' for everyone, 'authenticated' for any signed-in user, or a
     * permission code. Every route must declare
     * one; buildApp refuses to start otherwise (see guard.ts).
     */
    permission?: string;
    /** Allowed while the user still has to change an initial password (password page, logout). */
    allowPendingPasswordChange?: boolean;
    /** 'html' routes redirect to the login page; 'json' routes answer 401. Default by URL. */
    kind?: 'html' | 'json';
    /**
     * false: a public, stateless JSON endpoint that reads nothing of the caller's session (e.g. a
     * calculation anyone may POST to, like the annual-report check), so there is no ambient
     * authority for a cross-site request to abuse and no CSRF token is asked for. Only with
     * permission 'public'.
     */
    csrf?: false;
  }
  interface FastifyRequest {
    actor: Actor;
    session: SessionInfo | null;
    sessionExpired: boolean;
    displayMode: DisplayMode;
    /** Token to put into forms: the session's, or an anonymous signed one (issued on first read). */
    readonly csrfToken: string;
    csrfState: { value: string | null; reply: import('fastify').FastifyReply } | null;
    /** Set when the request authenticated with an API bearer token (then session is null). */
    apiToken: { id: number; mustChangePassword: boolean } | null;
  }
}
