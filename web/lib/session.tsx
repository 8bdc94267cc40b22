'use client';

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { hasSession, onSignedOut, provider, signOut as endSession } from './api';
import { bindTokens, signOutOfFirebase } from './firebase';
import type { PublicConfig } from './types';

interface Session {
  /** null until the stored session has been looked at (the first render of a static page knows nothing). */
  signedIn: boolean | null;
  config: PublicConfig | null;
  signedInNow: () => void;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

const fallbackConfig: PublicConfig = {
  signIn: { local: true, registration: true, firebase: false, oidc: false },
  firebase: null,
};

export function SessionProvider({ children }: { children: ReactNode }) {
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [config, setConfig] = useState<PublicConfig | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      let loaded = fallbackConfig;
      try {
        const response = await fetch('/api/config');
        if (response.ok) {
          loaded = (await response.json()) as PublicConfig;
        }
      } catch {
        // Offline: the app still shows its shell, and the sign-in form with local accounts.
      }
      if (cancelled) {
        return;
      }
      setConfig(loaded);
      if (provider() === 'firebase' && loaded.firebase) {
        try {
          await bindTokens(loaded.firebase);
        } catch {
          endSession();
        }
      }
      setSignedIn(hasSession());
    })();
    const stop = onSignedOut(() => setSignedIn(false));
    return () => {
      cancelled = true;
      stop();
    };
  }, []);

  const signedInNow = useCallback(() => setSignedIn(true), []);
  const signOut = useCallback(() => {
    if (provider() === 'firebase') {
      void signOutOfFirebase();
    }
    endSession();
  }, []);

  return (
    <SessionContext.Provider value={{ signedIn, config, signedInNow, signOut }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession outside SessionProvider');
  }
  return value;
}
