'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { ApiError, login, register } from '@/lib/api';
import { describe } from '@/lib/errors';
import { signInWithGoogle } from '@/lib/firebase';
import { useI18n } from '@/lib/i18n';
import { useSession } from '@/lib/session';

export default function SignInPage() {
  const { t } = useI18n();
  const { signedIn, config, signedInNow } = useSession();
  const router = useRouter();
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (signedIn) {
      router.replace('/chat');
    }
  }, [signedIn, router]);

  const local = config?.signIn.local ?? true;
  const canRegister = local && (config?.signIn.registration ?? true);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await (mode === 'register' ? register(email, password) : login(email, password));
      signedInNow();
      router.replace('/chat');
    } catch (err) {
      setError(messageFor(err));
    } finally {
      setBusy(false);
    }
  }

  function messageFor(err: unknown): string {
    if (err instanceof ApiError && err.status === 401) {
      return t('wrongCredentials');
    }
    if (err instanceof ApiError && err.status === 403) {
      return t('registrationClosed');
    }
    if (err instanceof ApiError && err.status === 400 && err.detail) {
      return err.detail;
    }
    return describe(err, t);
  }

  async function google() {
    if (!config?.firebase) {
      return;
    }
    setError(null);
    try {
      await signInWithGoogle(config.firebase);
      signedInNow();
      router.replace('/chat');
    } catch (err) {
      setError(describe(err, t));
    }
  }

  const title = mode === 'register' ? t('register') : t('signIn');
  return (
    <main className="auth">
      <div className="auth-card">
        <div className="auth-top">
          <img src="/icon.svg" alt="" width={48} height={48} />
          <LanguageSwitch />
        </div>
        <h1>{t('appName')}</h1>
        <p className="muted">{t('tagline')}</p>
        {local && (
          <form onSubmit={submit} aria-labelledby="auth-title" noValidate>
            <h2 id="auth-title">{title}</h2>
            <label htmlFor="email">{t('email')}</label>
            <input
              id="email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <label htmlFor="password">{t('password')}</label>
            <input
              id="password"
              type="password"
              autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
              required
              aria-describedby={mode === 'register' ? 'password-hint' : undefined}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            {mode === 'register' && (
              <p id="password-hint" className="hint">
                {t('passwordHint')}
              </p>
            )}
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary" disabled={busy} data-testid="auth-submit">
              {busy ? t('working') : title}
            </button>
          </form>
        )}
        {local && canRegister && (
          <button
            type="button"
            className="link"
            onClick={() => {
              setMode(mode === 'register' ? 'signin' : 'register');
              setError(null);
            }}
          >
            {mode === 'register' ? t('haveAccount') : t('needAccount')}
          </button>
        )}
        {config?.firebase && (
          <>
            {local && <p className="divider">{t('orGoogle')}</p>}
            <button type="button" className="google" onClick={google} data-testid="google">
              {t('google')}
            </button>
          </>
        )}
      </div>
    </main>
  );
}
