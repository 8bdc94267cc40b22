'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Composer } from '@/components/Composer';
import { ConversationList } from '@/components/ConversationList';
import { Icon } from '@/components/Icon';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { MessageView, type ShownMessage } from '@/components/MessageView';
import { StartingIndicator } from '@/components/StartingIndicator';
import { ApiError, apiFetch, apiJson, json, problemOf } from '@/lib/api';
import { describe } from '@/lib/errors';
import { useI18n } from '@/lib/i18n';
import { useSession } from '@/lib/session';
import { readEvents } from '@/lib/sse';
import type { Conversation, Message, Page, UploadedFile } from '@/lib/types';

/** An ensure that answers within this long is a warm cell: no indicator flickers for it. */
const coldAfterMs = 150;

interface Starting {
  since: number;
  doneAt: number | null;
}

function ChatScreen() {
  const { t } = useI18n();
  const { signedIn, signOut } = useSession();
  const router = useRouter();
  const params = useSearchParams();
  const currentId = params.get('c');

  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [messages, setMessages] = useState<ShownMessage[]>([]);
  const [busy, setBusy] = useState(false);
  const [starting, setStarting] = useState<Starting | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const abort = useRef<AbortController | null>(null);
  // The reply streaming now, once the hub has begun it: Stop then asks the hub to stop it.
  const running = useRef<{ conversationId: string; replyId: string } | null>(null);
  // The conversation the first send just made: its messages are on the page already, so its address is not loaded.
  const madeBySend = useRef<string | null>(null);
  const bottom = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (signedIn === false) {
      router.replace('/signin');
    }
  }, [signedIn, router]);

  const loadConversations = useCallback(async () => {
    const page = await apiJson<Page<Conversation>>('/api/conversations?limit=100');
    setConversations(page.items);
  }, []);

  useEffect(() => {
    if (signedIn) {
      loadConversations().catch((err) => setError(describe(err, t)));
    }
    // The translation function changes with the language; the list need not be fetched again for that.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, loadConversations]);

  const loadMessages = useCallback(async (id: string) => {
    const all: Message[] = [];
    let next: string | null = null;
    for (let i = 0; i < 20; i++) {
      const query: string = next ? `&next=${encodeURIComponent(next)}` : '';
      const page: Page<Message> = await apiJson<Page<Message>>(`/api/conversations/${id}/messages?limit=100${query}`);
      all.push(...page.items);
      next = page.next;
      if (!next) {
        break;
      }
    }
    return all;
  }, []);

  useEffect(() => {
    // A conversation made by the first send changes the address while that send still streams into the page, or
    // just after it ended (with an error on the page that must stay).
    if (busy) {
      return;
    }
    if (currentId && currentId === madeBySend.current) {
      madeBySend.current = null;
      return;
    }
    setStarting(null);
    setError(null);
    if (!signedIn || !currentId) {
      setMessages([]);
      return;
    }
    let cancelled = false;
    loadMessages(currentId)
      .then((items) => !cancelled && setMessages(items))
      .catch((err) => {
        if (!cancelled) {
          setMessages([]);
          setError(err instanceof ApiError && err.status === 404 ? null : describe(err, t));
          if (err instanceof ApiError && err.status === 404) {
            window.history.replaceState(null, '', '/chat');
          }
        }
      });
    return () => {
      cancelled = true;
    };
    // Reload only when the conversation changes, not when a send finishes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, currentId, loadMessages]);

  // A reply still arriving from an earlier visit (the page was left mid-reply) is followed again through the hub: what
  // has arrived so far, then the rest as it comes. Should that fail, the messages are read again a little later.
  const leftReplyId = busy
    ? undefined
    : messages.find((m) => m.role === 'assistant' && m.status === 'streaming' && !m.stopped)?.id;
  const [followAttempt, setFollowAttempt] = useState(0);
  useEffect(() => {
    if (!leftReplyId || !currentId) {
      return;
    }
    const controller = new AbortController();
    const update = (change: (m: ShownMessage) => ShownMessage) =>
      setMessages((list) => list.map((m) => (m.id === leftReplyId ? change(m) : m)));
    (async () => {
      const path = `/api/conversations/${currentId}/messages/${leftReplyId}/events`;
      const response = await apiFetch(path, { signal: controller.signal });
      if (!response.ok || !response.body) {
        throw await problemOf(response);
      }
      for await (const { event, data } of readEvents(response.body)) {
        const payload = JSON.parse(data);
        if (event === 'reply') {
          update((m) => ({ ...m, content: payload.content as string }));
        } else if (event === 'delta') {
          update((m) => ({ ...m, content: m.content + (payload.text as string) }));
        } else if (event === 'done') {
          update(() => payload as Message);
        }
      }
      setMessages(await loadMessages(currentId));
    })().catch(() => {
      if (!controller.signal.aborted) {
        window.setTimeout(() => setFollowAttempt((n) => n + 1), 2000);
      }
    });
    return () => controller.abort();
  }, [leftReplyId, currentId, followAttempt, loadMessages]);

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [messages, starting]);

  // The drawer (phones) takes the focus when it opens, and Escape closes it.
  useEffect(() => {
    if (!menuOpen) {
      return;
    }
    document.querySelector<HTMLButtonElement>('#sidebar .sidebar-top button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMenuOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  function open(id: string | null) {
    abort.current?.abort();
    madeBySend.current = null;
    setMenuOpen(false);
    // The History API rather than the router: Next keys a page by its search parameters, so a router navigation
    // would mount the chat anew and drop a send in progress; useSearchParams follows pushState all the same.
    window.history.pushState(null, '', id ? `/chat?c=${id}` : '/chat');
    window.setTimeout(() => document.getElementById('message')?.focus(), 0);
  }

  async function ensureCell(signal: AbortSignal): Promise<void> {
    const since = Date.now();
    const timer = window.setTimeout(() => setStarting({ since, doneAt: null }), coldAfterMs);
    try {
      const response = await apiFetch('/ensure', { method: 'POST', signal });
      if (!response.ok) {
        throw await problemOf(response);
      }
    } finally {
      window.clearTimeout(timer);
      const doneAt = Date.now();
      setStarting((s) => (s ? { ...s, doneAt } : null));
    }
  }

  async function send(text: string, files: UploadedFile[]): Promise<boolean> {
    setError(null);
    setBusy(true);
    setStarting(null);
    const controller = new AbortController();
    abort.current = controller;
    let id = currentId;
    let replyId: string | null = null;
    let posted = false;
    // Shown at once, replaced by the message as stored when the hub answers.
    const pendingId = `pending-${Date.now()}`;
    const pending: ShownMessage = {
      id: pendingId,
      role: 'user',
      content: text,
      status: 'complete',
      createdAt: new Date().toISOString(),
      attachments: files.map((f) => ({ id: f.id, name: f.name })),
    };
    setMessages((list) => [...list, pending]);
    try {
      if (!id) {
        const created = await apiJson<Conversation>('/api/conversations', json('POST', {}));
        id = created.id;
        madeBySend.current = id;
        setConversations((list) => [created, ...(list ?? [])]);
        window.history.replaceState(null, '', `/chat?c=${id}`);
      }

      await ensureCell(controller.signal);
      controller.signal.throwIfAborted();

      posted = true;
      const response = await apiFetch(`/api/conversations/${id}/messages`, {
        ...json('POST', { content: text, attachments: files.map((f) => f.id) }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        throw await problemOf(response);
      }

      for await (const { event, data } of readEvents(response.body)) {
        const payload = JSON.parse(data);
        if (event === 'message') {
          setMessages((list) => list.map((m) => (m.id === pendingId ? (payload as Message) : m)));
        } else if (event === 'reply') {
          replyId = payload.id;
          running.current = { conversationId: id, replyId: payload.id };
          setMessages((list) => [...list, payload as Message]);
        } else if (event === 'delta') {
          setMessages((list) =>
            list.map((m) => (m.id === replyId ? { ...m, content: m.content + (payload.text as string) } : m)),
          );
        } else if (event === 'done') {
          setMessages((list) => list.map((m) => (m.id === payload.id ? { ...(payload as Message), stopped: m.stopped } : m)));
        } else if (event === 'error' && payload.reason === 'stopped') {
          setMessages((list) => list.map((m) => (m.id === replyId ? { ...m, stopped: true } : m)));
        } else if (event === 'error') {
          setError(t('errCellBroke', { d: payload.detail ?? payload.reason ?? '' }));
        }
      }
      void loadConversations().catch(() => undefined);
      return true;
    } catch (err) {
      if ((err as Error).name === 'AbortError' && !posted) {
        // Stopped before the message was sent: nothing was stored, and the text goes back into the box.
        setMessages((list) => list.filter((m) => m.id !== pendingId));
        return false;
      }
      if ((err as Error).name === 'AbortError') {
        // The hub goes on with the reply and stores it whole; this page only stops following it.
        setMessages((list) => list.map((m) => (m.id === replyId ? { ...m, stopped: true } : m)));
        return true;
      }
      setError(describe(err, t));
      // Some refusals come after the message was stored (its cell could not start: 503, or 429 when too many cells
      // start at once); others before (limits, budget, bad attachments). The hub's list says which: a stored message
      // is shown and its text need not come back.
      if (posted && id) {
        const items = await loadMessages(id).catch(() => null);
        if (items) {
          setMessages(items);
          const last = [...items].reverse().find((m) => m.role === 'user');
          if (last?.content === text) {
            return true;
          }
          return false;
        }
      }
      setMessages((list) => list.filter((m) => m.id !== pendingId));
      return false;
    } finally {
      abort.current = null;
      running.current = null;
      setBusy(false);
      setStarting((s) => (s && s.doneAt === null ? null : s));
    }
  }

  /**
   * Stop: before the hub has begun the reply (the cell still starting) the request is abandoned and nothing is sent;
   * once it streams, the hub is asked to stop it, stores what arrived, and ends the stream with `stopped`.
   */
  async function stop() {
    const reply = running.current;
    if (!reply) {
      abort.current?.abort();
      return;
    }
    setMessages((list) => list.map((m) => (m.id === reply.replyId ? { ...m, stopped: true } : m)));
    try {
      const response = await apiFetch(`/api/conversations/${reply.conversationId}/messages/${reply.replyId}/stop`, {
        method: 'POST',
      });
      // 409: the reply ended meanwhile and stays as it was stored; anything else leaves the stream to the browser.
      if (!response.ok && response.status !== 409) {
        abort.current?.abort();
      }
    } catch {
      abort.current?.abort();
    }
  }

  async function rename(id: string, title: string) {
    try {
      const updated = await apiJson<Conversation>(`/api/conversations/${id}`, json('PATCH', { title }));
      setConversations((list) => list?.map((c) => (c.id === id ? updated : c)) ?? null);
    } catch (err) {
      setError(describe(err, t));
    }
  }

  async function remove(id: string) {
    try {
      await apiJson<void>(`/api/conversations/${id}`, { method: 'DELETE' });
      setConversations((list) => list?.filter((c) => c.id !== id) ?? null);
      if (id === currentId) {
        open(null);
      }
    } catch (err) {
      setError(describe(err, t));
    }
  }

  if (!signedIn) {
    return <main className="center" aria-busy="true" />;
  }

  const current = conversations?.find((c) => c.id === currentId);
  return (
    <div className={`shell ${menuOpen ? 'menu-open' : ''}`}>
      <a href="#message" className="skip-link">
        {t('skipToComposer')}
      </a>
      <aside className="sidebar" id="sidebar">
        <div className="sidebar-top">
          <span className="brand">
            <img src="/icon.svg" alt="" width={28} height={28} /> {t('appName')}
          </span>
          <button type="button" className="icon only-phone" onClick={() => setMenuOpen(false)} aria-label={t('close')}>
            <Icon name="close" />
          </button>
        </div>
        <ConversationList
          items={conversations}
          currentId={currentId}
          onOpen={open}
          onNew={() => open(null)}
          onRename={rename}
          onDelete={remove}
        />
        <div className="sidebar-bottom">
          <Link href="/profile" data-testid="profile-link">
            {t('profile')}
          </Link>
          <LanguageSwitch />
          <button type="button" className="link" onClick={signOut} data-testid="sign-out">
            {t('signOut')}
          </button>
        </div>
      </aside>
      <main className="chat" aria-labelledby="chat-title">
        <header className="chat-head">
          <button
            type="button"
            className="icon only-phone"
            onClick={() => setMenuOpen(true)}
            aria-expanded={menuOpen}
            aria-controls="sidebar"
            data-testid="menu"
          >
            <Icon name="menu" />
            <span className="visually-hidden">{t('menu')}</span>
          </button>
          <h1 id="chat-title">{current?.title || (currentId ? t('untitled') : t('newConversation'))}</h1>
        </header>
        <section className="messages" data-testid="messages">
          {messages.length === 0 && !busy && <p className="muted empty">{t('emptyChat')}</p>}
          {messages.map((m) => (
            <MessageView key={m.id} message={m} />
          ))}
          {starting && <StartingIndicator since={starting.since} doneAt={starting.doneAt} />}
          {error && (
            <p className="error banner" role="alert" data-testid="chat-error">
              {error}
            </p>
          )}
          <div ref={bottom} />
        </section>
        <Composer busy={busy} onSend={send} onStop={() => void stop()} />
      </main>
      {menuOpen && <div className="scrim" onClick={() => setMenuOpen(false)} aria-hidden="true" />}
    </div>
  );
}

export default function ChatPage() {
  return (
    <Suspense fallback={<main className="center" aria-busy="true" />}>
      <ChatScreen />
    </Suspense>
  );
}
