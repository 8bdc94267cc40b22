import { ApiError, currentToken } from './api';
import type { UploadedFile } from './types';

// Uploads go through XMLHttpRequest because fetch reports no upload progress.
function once(file: File, token: string | null, onProgress: (fraction: number) => void): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/files');
    if (token) {
      xhr.setRequestHeader('authorization', `Bearer ${token}`);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        onProgress(e.loaded / e.total);
      }
    };
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new ApiError(0, 'offline', undefined, undefined));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export async function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<UploadedFile> {
  let xhr = await once(file, await currentToken(), onProgress);
  if (xhr.status === 401) {
    // The access token ran out during a long upload: one fresh token, one more try.
    const { apiFetch } = await import('./api');
    await apiFetch('/api/auth/whoami');
    xhr = await once(file, await currentToken(), onProgress);
  }
  if (xhr.status >= 200 && xhr.status < 300) {
    return JSON.parse(xhr.responseText) as UploadedFile;
  }
  let body: { reason?: string; detail?: string } = {};
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    // A proxy in front may refuse a large body with a page of its own.
  }
  const retry = Number(xhr.getResponseHeader('retry-after'));
  throw new ApiError(xhr.status, body.reason, body.detail, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}
