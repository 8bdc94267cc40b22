import type { PublicConfig } from './types';
import { useFirebaseTokens } from './api';

// Google sign-in through Firebase Auth. The SDK is loaded only when the hub is configured for Firebase and
// the person presses the button, so it costs nothing on the first load.
export async function signInWithGoogle(config: NonNullable<PublicConfig['firebase']>): Promise<void> {
  const { initializeApp, getApps } = await import('firebase/app');
  const { getAuth, GoogleAuthProvider, signInWithPopup } = await import('firebase/auth');
  const app = getApps()[0] ?? initializeApp(config);
  const auth = getAuth(app);
  await signInWithPopup(auth, new GoogleAuthProvider());
  await bindTokens(config);
}

/** After a reload: Firebase keeps its own session in IndexedDB; the hub gets its ID tokens. */
export async function bindTokens(config: NonNullable<PublicConfig['firebase']>): Promise<void> {
  const { initializeApp, getApps } = await import('firebase/app');
  const { getAuth } = await import('firebase/auth');
  const app = getApps()[0] ?? initializeApp(config);
  const auth = getAuth(app);
  await auth.authStateReady();
  useFirebaseTokens(async (force) => (auth.currentUser ? auth.currentUser.getIdToken(force) : null));
}

export async function signOutOfFirebase(): Promise<void> {
  const { getApps } = await import('firebase/app');
  if (getApps().length) {
    const { getAuth, signOut } = await import('firebase/auth');
    await signOut(getAuth(getApps()[0]));
  }
}
