import { useEffect, useState } from 'react';
import { useI18n } from '@/lib/i18n';

/** "Your assistant is starting — Ns", ticking, while a cold cell starts; then how long it took. */
export function StartingIndicator({ since, doneAt }: { since: number; doneAt: number | null }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (doneAt !== null) {
      return;
    }
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [doneAt]);

  const seconds = Math.max(0, Math.floor(((doneAt ?? now) - since) / 1000));
  return (
    <div className="starting" role="status" data-testid="cell-starting" data-done={doneAt !== null}>
      {doneAt === null && <span className="spinner" aria-hidden="true" />}
      {doneAt === null ? t('starting', { s: seconds }) : t('started', { s: ((doneAt - since) / 1000).toFixed(1) })}
    </div>
  );
}
