/**
 * The real upload transport: tickets and confirmation through the API client, the bytes through
 * send.ts (a form POST by Taro.uploadFile, or a presigned PUT), derivatives through derivatives.ts.
 */
import type { ApiClient } from '../api/client';
import { makeDerivative } from './derivative-image';
import { storeDerivatives } from './derivatives';
import type { UploadTransport } from './queue';
import { sendToStorage } from './send';

export { StorageUploadError } from './storage-http';

export function createTaroUploadTransport(api: ApiClient): UploadTransport {
  return {
    async createTickets(homeId, files) {
      const { tickets } = await api.uploads.create.mutate({ homeId, files: [...files] });
      if (tickets.length !== files.length) {
        throw new Error(`uploads.create answered ${tickets.length} tickets for ${files.length} files`);
      }
      return tickets;
    },
    send: sendToStorage,
    storeDerivatives: (ticket, file, signal) =>
      storeDerivatives(ticket.derivatives ?? [], file, signal, {
        make: makeDerivative,
        send: sendToStorage,
        log: (message, detail) => console.warn(`upload: ${message}`, detail ?? ''),
      }),
    confirm(input) {
      return api.uploads.confirm.mutate(input);
    },
  };
}
