// The hub's API as the app uses it: a bearer token kept in memory, a refresh token kept in localStorage,
// and one refresh (shared by every request waiting on it) when the hub answers 401.

const refreshKey = 'jiyul.refreshToken';
const providerKey = 'jiyul.provider';

export type Provider = 'local' | 'firebase';

/** A problem-details answer of the hub, or a failure to reach it (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | undefined,
    readonly detail: string | undefined,
    readonly retryAfter: number | undefined,
  ) {
    super(detail ?? `HTTP ${status}`);
  }
}

interface TokenAnswer {
  accessToken: string;
  refreshToken?: string;
  expiresIn?: number;
}

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
let firebaseToken: ((force: boolean) => Promise<string | null>) | null = null;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  return typeof window === 'undefined' ? null : window.localStorage;
}

/** Called when the session ends (sign-out, or a refresh the hub refused). */
export function onSignedOut(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function provider(): Provider | null {
  const value = storage()?.getItem(providerKey);
  return value === 'local' || value === 'firebase' ? value : null;
}

export function hasSession(): boolean {
  const p = provider();
  return p === 'firebase' || (p === 'local' && !!storage()?.getItem(refreshKey));
}

export function useFirebaseTokens(getToken: (force: boolean) => Promise<string | null>): void {
  firebaseToken = getToken;
  accessToken = null;
  storage()?.setItem(providerKey, 'firebase');
  storage()?.removeItem(refreshKey);
}

export function signOut(): void {
  accessToken = null;
  firebaseToken = null;
  storage()?.removeItem(refreshKey);
  storage()?.removeItem(providerKey);
  listeners.forEach((l) => l());
}

async function problemOf(response: Response): Promise<ApiError> {
  let body: { detail?: string; title?: string; reason?: string; errors?: Record<string, string[]> } = {};
  try {
    body = await response.json();
  } catch {
    // Not every failure carries problem details (a proxy in front may answer with HTML).
  }
  const retry = Number(response.headers.get('retry-after'));
  // A validation problem (registration with a weak password, for one) says what is wrong in `errors`.
  const listed = body.errors ? Object.values(body.errors).flat().join(' ') : '';
  return new ApiError(
    response.status,
    body.reason,
    body.detail ?? (listed || body.title),
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

async function send(path: string, init: RequestInit, token: string | null): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) {
    headers.set('authorization', `Bearer ${token}`);
  }
  try {
    return await fetch(path, { ...init, headers });
  } catch (e) {
    if ((e as Error).name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, 'offline', undefined, undefined);
  }
}

function keep(answer: TokenAnswer): void {
  accessToken = answer.accessToken;
  if (answer.refreshToken) {
    storage()?.setItem(refreshKey, answer.refreshToken);
  }
  storage()?.setItem(providerKey, 'local');
}

export async function login(email: string, password: string): Promise<void> {
  const response = await send('/api/auth/login', json('POST', { email, password }), null);
  if (!response.ok) {
    throw await problemOf(response);
  }
  keep(await response.json());
}

export async function register(email: string, password: string): Promise<void> {
  const response = await send('/api/auth/register', json('POST', { email, password }), null);
  if (!response.ok) {
    throw await problemOf(response);
  }
  await login(email, password);
}

/** Gets a fresh access token; false when the session is over. Concurrent callers share one refresh. */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      if (provider() === 'firebase' && firebaseToken) {
        accessToken = await firebaseToken(true);
        return accessToken !== null;
      }
      const refreshToken = storage()?.getItem(refreshKey);
      if (!refreshToken) {
        return false;
      }
      const response = await send('/api/auth/refresh', json('POST', { refreshToken }), null);
      if (!response.ok) {
        return false;
      }
      keep(await response.json());
      return true;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** The current access token, refreshing first when there is none yet (a reload keeps only the refresh token). */
export async function currentToken(): Promise<string | null> {
  if (provider() === 'firebase' && firebaseToken) {
    return firebaseToken(false);
  }
  if (!accessToken && !(await refresh())) {
    return null;
  }
  return accessToken;
}

/** A request with the bearer token; a 401 gets one refresh and one retry, then the session ends. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const token = await currentToken();
  let response = await send(path, init, token);
  if (response.status === 401 && (await refresh())) {
    response = await send(path, init, accessToken);
  }
  if (response.status === 401) {
    signOut();
  }
  return response;
}

export async function apiJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await apiFetch(path, init);
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

export function json(method: string, body: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export { problemOf };
