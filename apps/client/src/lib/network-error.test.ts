import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { errorMessage } from '../i18n/errors';
import { MultipartFailure, PartTransferError } from '../upload/multipart/errors';
import { StorageUploadError } from '../upload/storage-http';
import { isNetworkError, NetworkFailure } from './network-error';

describe('network errors', () => {
  it("are this app's own NetworkFailure, with or without the platform's detail", () => {
    expect(isNetworkError(new NetworkFailure())).toBe(true);
    expect(isNetworkError(new NetworkFailure('request:fail timeout'))).toBe(true);
    expect(new NetworkFailure('request:fail timeout').message).toBe('Network request failed: request:fail timeout');
    expect(new NetworkFailure()).toBeInstanceOf(TypeError);
  });

  it("are each platform's fetch TypeError, by its exact wording", () => {
    for (const message of [
      'Failed to fetch',
      'Load failed',
      'NetworkError when attempting to fetch resource.',
      'Network request failed',
      'Network request failed: connection refused',
      'fetch failed',
    ]) {
      expect(isNetworkError(new TypeError(message)), message).toBe(true);
    }
  });

  it('are a multipart part never answered (status 0), and not one storage answered', () => {
    expect(isNetworkError(new PartTransferError(0, 'PUT up.example.com: request:fail'))).toBe(true);
    expect(isNetworkError(new PartTransferError(500, 'InternalError'))).toBe(false);
    expect(isNetworkError(new PartTransferError(403, 'upload failed'))).toBe(false);
  });

  it('are found inside the wrappers that carry them as their cause (the tRPC client, a multipart failure)', () => {
    const wrapped = TRPCClientError.from(new TypeError('Failed to fetch'));
    expect(wrapped).not.toBeInstanceOf(TypeError);
    expect(isNetworkError(wrapped)).toBe(true);
    expect(isNetworkError(new MultipartFailure('exhausted', new PartTransferError(0, 'x')))).toBe(true);
    expect(isNetworkError(new Error('outer', { cause: new Error('middle', { cause: new NetworkFailure() }) }))).toBe(
      true,
    );
  });

  it('are not failures whose text only mentions loading, failing or the network', () => {
    for (const error of [
      new Error('upload failed'),
      new Error('Upload failed: storage answered 403'),
      new TypeError('upload failed'),
      new TypeError('Cannot read properties of undefined (reading "Load failed")'),
      new TypeError('Failed to fetch the thumbnail size'),
      new Error('Failed to fetch'),
      new Error('Network request failed'),
      new StorageUploadError(400, 'upload failed'),
      new MultipartFailure('gone', new Error('upload failed')),
      TRPCClientError.from(new Error('Load failed')),
      'Failed to fetch',
      { message: 'Load failed' },
      null,
      undefined,
    ]) {
      expect(isNetworkError(error), String(error instanceof Error ? error.message : error)).toBe(false);
    }
  });

  it('follow causes only so deep, and survive a cause that points back at itself', () => {
    let deep: Error = new NetworkFailure();
    for (let i = 0; i < 10; i++) deep = new Error(`wrap ${i}`, { cause: deep });
    expect(isNetworkError(deep)).toBe(false);
    const loop = new Error('loop');
    (loop as { cause?: unknown }).cause = loop;
    expect(isNetworkError(loop)).toBe(false);
  });
});

describe('the message for a failure', () => {
  const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
  it('says "network" for a network failure and quotes anything else', () => {
    expect(errorMessage(TRPCClientError.from(new TypeError('Load failed')), en)).toBe(en('errors.NETWORK'));
    expect(errorMessage(new Error('upload failed'), en)).toBe(en('errors.UNKNOWN', { message: 'upload failed' }));
  });
});
