/**
 * GET /api/homes/<id>/export?u=&e=&s= : the home as one tar (services/exports.ts), from a short-lived link
 * made by exports.create. Content-Length is exact, so the client shows progress; bytes flow from storage
 * to the client with backpressure. A photo that cannot be read ends the response early (the connection is
 * cut), which the client sees as a failed download rather than a short archive.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteHandler } from '../server.js';
import { ExportRefused, ExportSlots, ExportsService } from '../services/exports.js';
import { linkQuery } from '../services/signed-links.js';
import type { AppDeps } from '../trpc/context.js';
import { contentDisposition, refuse } from './download.js';

const PATH = /^\/api\/homes\/([0-9a-f-]{36})\/export$/;

export function createExportRoute(deps: AppDeps, internalOrigin: () => string): RouteHandler {
  const service = new ExportsService(deps);
  const slots = new ExportSlots();
  return async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const match = PATH.exec(pathname);
    if (!match) return false;
    if (req.method !== 'GET') return refuse(res, 405, 'method not allowed');
    const homeId = match[1] as string;
    let opened: Awaited<ReturnType<ExportsService['open']>>;
    try {
      opened = await service.open(homeId, linkQuery(new URL(req.url ?? '', 'http://x').searchParams), internalOrigin());
    } catch (error) {
      if (error instanceof ExportRefused) return refuse(res, error.status, error.message);
      throw error;
    }
    const { userId, plan } = opened;
    if (!slots.take(userId)) return refuse(res, 409, 'an export is already running');
    try {
      res.writeHead(200, {
        'Content-Type': 'application/x-tar',
        'Content-Length': String(plan.size),
        'Content-Disposition': contentDisposition(plan.filename),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      await service.write(plan, res);
      deps.logger.info({ homeId, userId, photos: plan.entries.length, bytes: plan.size }, 'home exported');
    } catch (error) {
      // Headers are gone: cutting the connection is the only way to say the archive is not whole.
      if (!res.destroyed) {
        deps.logger.warn({ homeId, userId, reason: (error as Error).message }, 'export failed');
        res.destroy();
      }
    } finally {
      slots.release(userId);
    }
    return true;
  };
}
