import { useI18n } from '@/lib/i18n';
import type { Message } from '@/lib/types';
import { Icon } from './Icon';
import { Markdown } from './Markdown';

export interface ShownMessage extends Message {
  /** The reader stopped following this reply (the stop button). */
  stopped?: boolean;
}

export function MessageView({ message }: { message: ShownMessage }) {
  const { t } = useI18n();
  const mine = message.role === 'user';
  const streaming = message.status === 'streaming' && !message.stopped;
  return (
    <article
      className={`message ${mine ? 'mine' : 'theirs'}`}
      data-testid={mine ? 'user-message' : 'assistant-message'}
      data-status={message.stopped ? 'stopped' : message.status}
      aria-busy={streaming}
      aria-live={streaming ? 'polite' : undefined}
    >
      <h3 className="visually-hidden">{mine ? t('you') : t('assistant')}</h3>
      {mine ? <p className="plain">{message.content}</p> : <Markdown text={message.content} />}
      {streaming && !message.content && <p className="muted typing">{t('thinking')}</p>}
      {!!message.attachments?.length && (
        <ul className="chips" aria-label={t('attach')}>
          {message.attachments.map((a) => (
            <li key={a.id} className="chip">
              <Icon name="attach" /> {a.name}
            </li>
          ))}
        </ul>
      )}
      {message.status === 'incomplete' && !message.stopped && <p className="note">{t('replyIncomplete')}</p>}
      {message.stopped && <p className="note">{t('replyStopped')}</p>}
    </article>
  );
}
