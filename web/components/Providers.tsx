'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { I18nProvider, useI18n } from '@/lib/i18n';
import { SessionProvider } from '@/lib/session';

function OfflineBanner() {
  const { t } = useI18n();
  const [online, setOnline] = useState(true);

  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);

  return online ? null : (
    <div className="offline-banner" role="status">
      {t('offline')}
    </div>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  useEffect(() => {
    if ('serviceWorker' in navigator && window.location.protocol !== 'file:') {
      navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    }
  }, []);

  return (
    <I18nProvider>
      <SessionProvider>
        <OfflineBanner />
        {children}
      </SessionProvider>
    </I18nProvider>
  );
}
