/** Signed-in devices: the caller's live sessions, listed a page at a time, and signing one of them out. */
import type { Device, DeviceList, ListDevicesInput } from '@xiaojia/shared';
import { zListDevicesInput } from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { SessionsRepository } from '../repositories/sessions.js';
import type { AppDeps } from '../trpc/context.js';
import type { AuthedUser } from './auth.js';
import { cursorPosition, toPage } from './paging.js';

export class DevicesService {
  private readonly sessions: SessionsRepository;

  constructor(private readonly deps: AppDeps) {
    this.sessions = new SessionsRepository(deps.db);
  }

  /** One page of the caller's devices that have not expired, most recently used first. */
  async list(caller: AuthedUser, rawInput: ListDevicesInput): Promise<DeviceList> {
    const input = zListDevicesInput.parse(rawInput);
    const after = cursorPosition(input.cursor);
    const sessions = await this.sessions.pageActive(
      caller.id,
      this.deps.clock.now().toISOString(),
      input.limit + 1,
      after && { lastSeenAt: after.sortAt, id: after.id },
    );
    const page = toPage(sessions, input.limit, (s) => ({ sortAt: s.last_seen_at, id: s.id }));
    const items = page.rows.map(
      (s): Device => ({
        id: s.id,
        label: s.device,
        createdAt: s.created_at,
        lastSeenAt: s.last_seen_at,
        expiresAt: s.expires_at,
        current: s.id === caller.sessionId,
      }),
    );
    return { items, nextCursor: page.nextCursor };
  }

  /** Signs one of the caller's devices out. Another user's session id is NOT_FOUND, like a made-up one. */
  async revoke(caller: AuthedUser, sessionId: string): Promise<void> {
    if (!(await this.sessions.delete(caller.id, sessionId))) {
      throw new AppError('NOT_FOUND', 'No such device');
    }
    this.deps.logger.info({ userId: caller.id, sessionId }, 'device revoked');
  }
}
