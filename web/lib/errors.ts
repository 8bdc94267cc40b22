import { ApiError } from './api';
import type { MessageKey } from './messages';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A sentence a person can act on, for any failure the hub or the network gives. */
export function describe(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) {
    return t('errGeneric', { d: (error as Error)?.message ?? String(error) });
  }
  switch (error.status) {
    case 0:
      return t('errNetwork');
    case 413:
      return error.reason === 'content-too-long' ? t('errTooLong') : t('errTooLarge');
    case 415:
      return t('errType');
    case 429:
      if (error.reason === 'token-budget-spent') {
        return t('errBudget');
      }
      return error.retryAfter ? t('errRate', { s: error.retryAfter }) : t('errRateNoTime');
    case 502:
    case 503:
    case 504:
      return t('errCell');
    default:
      if (error.reason === 'unknown-attachment') {
        return t('errAttachmentGone');
      }
      return t('errGeneric', { d: error.detail ?? `HTTP ${error.status}` });
  }
}
