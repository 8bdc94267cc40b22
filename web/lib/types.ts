export interface Conversation {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface AttachmentRef {
  id: string;
  name: string;
}

export interface Message {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: 'complete' | 'streaming' | 'incomplete';
  createdAt: string;
  attachments?: AttachmentRef[];
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

export interface Profile {
  displayName: string;
  language: string;
  about: string;
}

export interface PublicConfig {
  signIn: { local: boolean; registration: boolean; firebase: boolean; oidc: boolean };
  firebase: { apiKey: string; authDomain: string; projectId: string; appId?: string } | null;
}
