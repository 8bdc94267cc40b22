'use client';

import { useState, type FormEvent } from 'react';
import { useI18n } from '@/lib/i18n';
import type { Conversation } from '@/lib/types';
import { Icon } from './Icon';

interface Props {
  /** null while the list is loading. */
  items: Conversation[] | null;
  currentId: string | null;
  onOpen: (id: string) => void;
  onNew: () => void;
  onRename: (id: string, title: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}

export function ConversationList({ items, currentId, onOpen, onNew, onRename, onDelete }: Props) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [title, setTitle] = useState('');

  async function save(e: FormEvent, id: string) {
    e.preventDefault();
    if (title.trim()) {
      await onRename(id, title.trim());
    }
    setEditing(null);
  }

  return (
    <nav aria-labelledby="conversations-title" className="conversations">
      <div className="conversations-head">
        <h2 id="conversations-title">{t('conversations')}</h2>
        <button type="button" className="primary" onClick={onNew} data-testid="new-conversation">
          <Icon name="plus" /> {t('newConversation')}
        </button>
      </div>
      {items?.length === 0 && <p className="muted">{t('noConversations')}</p>}
      <ul data-testid="conversation-list" aria-busy={items === null}>
        {(items ?? []).map((c) => (
          <li key={c.id} className={c.id === currentId ? 'current' : undefined} data-testid="conversation">
            {editing === c.id ? (
              <form onSubmit={(e) => void save(e, c.id)} className="rename">
                <label htmlFor={`rename-${c.id}`} className="visually-hidden">
                  {t('renameTo')}
                </label>
                <input
                  id={`rename-${c.id}`}
                  value={title}
                  maxLength={200}
                  autoFocus
                  onChange={(e) => setTitle(e.target.value)}
                  onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
                />
                <button type="submit">{t('save')}</button>
                <button type="button" onClick={() => setEditing(null)}>
                  {t('cancel')}
                </button>
              </form>
            ) : (
              <>
                <button
                  type="button"
                  className="conversation-title"
                  aria-current={c.id === currentId ? 'page' : undefined}
                  onClick={() => onOpen(c.id)}
                >
                  {c.title || t('untitled')}
                </button>
                <span className="row-actions">
                  <button
                    type="button"
                    className="icon"
                    aria-label={`${t('rename')}: ${c.title || t('untitled')}`}
                    title={t('rename')}
                    onClick={() => {
                      setTitle(c.title);
                      setEditing(c.id);
                    }}
                  >
                    <Icon name="edit" />
                  </button>
                  <button
                    type="button"
                    className="icon"
                    aria-label={`${t('delete')}: ${c.title || t('untitled')}`}
                    title={t('delete')}
                    onClick={() => {
                      if (window.confirm(t('confirmDelete'))) {
                        void onDelete(c.id);
                      }
                    }}
                  >
                    <Icon name="trash" />
                  </button>
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
