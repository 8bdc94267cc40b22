'use client';

import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { describe } from '@/lib/errors';
import { useI18n } from '@/lib/i18n';
import type { UploadedFile } from '@/lib/types';
import { uploadFile } from '@/lib/upload';
import { Icon } from './Icon';

interface Pending {
  key: number;
  name: string;
  progress: number;
  file?: UploadedFile;
  error?: string;
}

interface Props {
  busy: boolean;
  onSend: (text: string, files: UploadedFile[]) => Promise<boolean>;
  onStop: () => void;
}

let nextKey = 0;

export function Composer({ busy, onSend, onStop }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [pending, setPending] = useState<Pending[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);

  const uploading = pending.some((p) => !p.file && !p.error);
  const ready = pending.filter((p) => p.file).map((p) => p.file!);

  function update(key: number, change: Partial<Pending>) {
    setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  }

  async function attach(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      const key = nextKey++;
      setPending((list) => [...list, { key, name: file.name, progress: 0 }]);
      try {
        const uploaded = await uploadFile(file, (progress) => update(key, { progress }));
        update(key, { file: uploaded, progress: 1 });
      } catch (err) {
        update(key, { error: describe(err, t) });
      }
    }
    if (fileInput.current) {
      fileInput.current.value = '';
    }
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (busy || uploading || !text.trim()) {
      return;
    }
    // The box empties at once, as the message shows in the chat; a message that could not be sent comes back.
    const draft = { text, pending };
    setText('');
    setPending([]);
    const sent = await onSend(draft.text, ready);
    if (!sent) {
      setText((now) => now || draft.text);
      setPending((now) => (now.length ? now : draft.pending));
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends, Shift+Enter breaks the line; never while an input method is composing (Korean typing).
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <form className="composer" onSubmit={submit}>
      {pending.length > 0 && (
        <ul className="uploads" aria-label={t('attach')}>
          {pending.map((p) => (
            <li key={p.key} className={p.error ? 'upload failed' : 'upload'} data-testid="upload">
              <span className="upload-name">
                <Icon name="attach" /> {p.name}
              </span>
              {!p.file && !p.error && (
                <progress max={1} value={p.progress} aria-label={`${t('uploading')} ${p.name}`} />
              )}
              {p.error && (
                <span className="error" role="alert">
                  {p.error}
                </span>
              )}
              <button
                type="button"
                className="icon"
                onClick={() => setPending((list) => list.filter((x) => x.key !== p.key))}
                aria-label={`${t('removeAttachment')} ${p.name}`}
              >
                <Icon name="close" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-row">
        <input
          ref={fileInput}
          id="file"
          type="file"
          className="visually-hidden"
          multiple
          accept=".pdf,.png,.jpg,.jpeg,.webp,.docx,.txt,.md,application/pdf,image/*,text/plain,text/markdown"
          onChange={(e) => void attach(e.target.files)}
          data-testid="file-input"
        />
        <label htmlFor="file" className="button icon attach" title={t('attach')}>
          <Icon name="attach" />
          <span className="visually-hidden">{t('attach')}</span>
        </label>
        <label htmlFor="message" className="visually-hidden">
          {t('messageLabel')}
        </label>
        <textarea
          id="message"
          rows={1}
          value={text}
          placeholder={t('messagePlaceholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          data-testid="message-input"
        />
        {/* Keys keep the two buttons apart: were one element reused, a click on Stop that ends the send at once would
            find a submit button when its default action runs, and send the restored text again. */}
        {busy ? (
          <button key="stop" type="button" className="stop" onClick={onStop} data-testid="stop">
            {t('stop')}
          </button>
        ) : (
          <button key="send" type="submit" className="primary" disabled={uploading || !text.trim()} data-testid="send">
            {t('send')}
          </button>
        )}
      </div>
    </form>
  );
}
