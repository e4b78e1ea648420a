/**
 * Leaving the signed-in app, the one way: a deliberate sign-out, or the server no longer honouring the
 * session (revoked from another device, expired). Either way the token is cleared and the app restarts at
 * the welcome page exactly once; only a lost session says why there. Requests still in flight during a
 * sign-out answer UNAUTHENTICATED (the server has already forgotten the session): those are expected, not
 * news for the user, and must not start a second trip to the welcome page. A sign-out ends the account's
 * uploads at once; a lost session only pauses them, for the same account's next sign-in (upload/session.ts).
 */
import type { ErrorCode } from '@xiaojia/shared';
import { createContext, useContext } from 'react';
import type { TokenStore } from './api/token-store';

export interface SessionExitDeps {
  tokens: TokenStore;
  /** Asks the server about the current token: true when it refuses it (network trouble is not a refusal). */
  serverRefusesSession(): Promise<boolean>;
  /** Restarts at the welcome page; `reason` (an app code) makes it say why. */
  restartAtWelcome(reason?: ErrorCode): Promise<void>;
  onWelcomePage(): boolean;
  /** The session is fine after all: uploads paused by a stale answer carry on. */
  resumeUploads(): void;
  /** A sign-out: the account's uploads stop (in-flight transfers aborted) and are forgotten. */
  endUploads(): void;
}

export interface SessionExit {
  /** A request was answered UNAUTHENTICATED or SESSION_EXPIRED. Resolves when handled. */
  lost(code: ErrorCode): Promise<void>;
  /** The user confirmed signing out: the server is being told, so refusals from now on are expected. */
  signingOut(): void;
  /** The sign-out request settled, whatever the server said (leaving must work offline too). */
  signedOut(): Promise<void>;
}

export function createSessionExit(deps: SessionExitDeps): SessionExit {
  let leaving: Promise<void> | null = null;
  let signingOut = false;
  let checking = false;

  // Joins a trip already under way: two reLaunches racing leave two welcome pages behind.
  const leave = (reason?: ErrorCode): Promise<void> => {
    leaving ??= (async () => {
      await deps.tokens.clear();
      await deps.restartAtWelcome(reason);
    })().finally(() => {
      leaving = null;
      signingOut = false;
    });
    return leaving;
  };
  const busy = () => signingOut || leaving !== null;

  async function check(code: ErrorCode): Promise<void> {
    const token = await deps.tokens.get();
    if (!token) {
      // Not signed in at all (e.g. Back after signing out reopened a signed-in page): nothing expired.
      if (!deps.onWelcomePage()) await leave();
      return;
    }
    const refused = await deps.serverRefusesSession();
    // Signed out (or out and in again) meanwhile: the answer was about a session that is gone.
    if (busy() || (await deps.tokens.get()) !== token) return;
    if (refused) await leave(code);
    else deps.resumeUploads();
  }

  return {
    async lost(code) {
      if (busy() || checking) return;
      checking = true;
      try {
        await check(code);
      } catch {
        // Storage or navigation failed: nothing to tell the user here; the next refusal tries again.
      } finally {
        checking = false;
      }
    },
    signingOut() {
      signingOut = true;
      deps.endUploads();
    },
    signedOut() {
      signingOut = true;
      deps.endUploads();
      return leave();
    },
  };
}

const SessionExitContext = createContext<SessionExit | null>(null);
export const SessionExitProvider = SessionExitContext.Provider;

/** The app's session exit, for the screens that sign out. */
export function useSessionExit(): SessionExit {
  const exit = useContext(SessionExitContext);
  if (!exit) throw new Error('useSessionExit: no SessionExitProvider above this screen');
  return exit;
}
