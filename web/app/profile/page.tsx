'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { ApiError, apiJson, json } from '@/lib/api';
import { describe } from '@/lib/errors';
import { useI18n } from '@/lib/i18n';
import { useSession } from '@/lib/session';
import type { Profile } from '@/lib/types';

const empty: Profile = { displayName: '', language: 'ko', about: '' };

export default function ProfilePage() {
  const { t } = useI18n();
  const { signedIn, signOut } = useSession();
  const router = useRouter();
  const [profile, setProfile] = useState<Profile>(empty);
  const [available, setAvailable] = useState(true);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (signedIn === false) {
      router.replace('/signin');
    }
    if (!signedIn) {
      return;
    }
    apiJson<Profile>('/api/me')
      .then((p) => setProfile({ ...empty, ...p }))
      .catch((err) => {
        // A hub without the profile API answers 404: the form stays, saying so.
        if (err instanceof ApiError && err.status === 404) {
          setAvailable(false);
        } else {
          setStatus({ ok: false, text: describe(err, t) });
        }
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, router]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      const saved = await apiJson<Profile | undefined>('/api/me', json('PUT', profile));
      if (saved) {
        setProfile({ ...empty, ...saved });
      }
      setStatus({ ok: true, text: t('saved') });
    } catch (err) {
      setStatus({ ok: false, text: describe(err, t) });
    } finally {
      setBusy(false);
    }
  }

  if (!signedIn) {
    return <main className="center" aria-busy="true" />;
  }

  return (
    <main className="page">
      <header className="page-head">
        <Link href="/chat">← {t('back')}</Link>
        <LanguageSwitch />
      </header>
      <h1>{t('profile')}</h1>
      {!available && (
        <p className="note" role="status">
          {t('profileUnavailable')}
        </p>
      )}
      <form onSubmit={save} className="profile-form">
        <label htmlFor="displayName">{t('displayName')}</label>
        <input
          id="displayName"
          autoComplete="name"
          maxLength={100}
          value={profile.displayName}
          onChange={(e) => setProfile({ ...profile, displayName: e.target.value })}
        />
        <label htmlFor="language">{t('language')}</label>
        <select
          id="language"
          value={profile.language}
          onChange={(e) => setProfile({ ...profile, language: e.target.value })}
        >
          <option value="ko">한국어</option>
          <option value="en">English</option>
          {profile.language && !['ko', 'en'].includes(profile.language) && (
            <option value={profile.language}>{profile.language}</option>
          )}
        </select>
        <label htmlFor="about">{t('about')}</label>
        <textarea
          id="about"
          rows={6}
          maxLength={4000}
          aria-describedby="about-hint"
          value={profile.about}
          onChange={(e) => setProfile({ ...profile, about: e.target.value })}
        />
        <p id="about-hint" className="hint">
          {t('aboutHint')}
        </p>
        {status && (
          <p className={status.ok ? 'ok' : 'error'} role={status.ok ? 'status' : 'alert'}>
            {status.text}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !available} data-testid="profile-save">
          {busy ? t('working') : t('save')}
        </button>
      </form>
      <button type="button" className="link" onClick={signOut}>
        {t('signOut')}
      </button>
    </main>
  );
}
