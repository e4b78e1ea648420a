/**
 * WeChat subscribe messages (订阅消息) for new photos. A member who accepts the template in the mini-program
 * (wx.requestSubscribeMessage) grants one message; notifications.subscribe records it as a credit (up to
 * NOTIFY_CREDITS_MAX). When someone's new photo is recorded in the feed, every other member of the home
 * with a credit, a WeChat openid and no message in the last NOTIFY_MIN_INTERVAL_MINUTES gets one — claimed
 * in the database first (NotifySubscriptionsRepository.claimRecipients), sent after the upload answered
 * (BackgroundTasks), failures logged and never the upload's. WeChat's 43101 (the user has no subscription
 * left) zeroes the member's credits; another failure gives the credit back.
 *
 * The template's fields: thing1 who uploaded, thing2 the home's name (each at most 20 characters, WeChat's
 * limit for `thing`), time3 when (China time, the mini-program's users'). A tap opens NOTIFY_PAGE.
 */
import { NOTIFY_CREDITS_MAX, NOTIFY_MIN_INTERVAL_MINUTES, type NotificationSettings } from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { HomesRepository } from '../repositories/homes.js';
import { NotifySubscriptionsRepository } from '../repositories/notify-subscriptions.js';
import { liveName, UsersRepository } from '../repositories/users.js';
import type { AppDeps } from '../trpc/context.js';
import type { HomeMember } from './home-access.js';

/** The mini-program page a message opens: the home's feed. */
export const NOTIFY_PAGE = 'pages/feed/index';
const THING_MAX_CHARS = 20;
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

const thing = (text: string) => Array.from(text).slice(0, THING_MAX_CHARS).join('');
const pad = (n: number) => String(n).padStart(2, '0');

/** WeChat's `time` field: "2026年12月1日 15:01", in China time. */
export function wechatTime(at: Date): string {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export class NotificationsService {
  private readonly subscriptions: NotifySubscriptionsRepository;

  constructor(private readonly deps: AppDeps) {
    this.subscriptions = new NotifySubscriptionsRepository(deps.db);
  }

  /** The configured template, when WeChat and a template are configured; null otherwise. */
  private templateId(): string | null {
    const { appId, appSecret } = this.deps.config.wechat;
    const templateId = this.deps.config.wechatSubscribeTemplateId;
    return appId && appSecret && templateId ? templateId : null;
  }

  async settings(member: HomeMember): Promise<NotificationSettings> {
    const templateId = this.templateId();
    const [user, credits] = await Promise.all([
      new UsersRepository(this.deps.db).findById(member.userId),
      this.subscriptions.credits(member.homeId, member.userId),
    ]);
    return { available: templateId !== null && Boolean(user?.wechat_openid), templateId, credits };
  }

  async subscribe(member: HomeMember, input: { templateId: string }): Promise<NotificationSettings> {
    const settings = await this.settings(member);
    if (!settings.available || input.templateId !== settings.templateId) {
      throw new AppError(
        'NOTIFY_UNAVAILABLE',
        settings.templateId === null
          ? 'WeChat messages are not set up on this server'
          : settings.available
            ? 'That is not this server’s message template'
            : 'Sign in with WeChat to get its messages',
        {
          reason: settings.templateId === null ? 'not_configured' : settings.available ? 'wrong_template' : 'no_wechat',
        },
      );
    }
    const credits = await this.subscriptions.addCredit(member.homeId, member.userId, NOTIFY_CREDITS_MAX);
    return { ...settings, credits };
  }

  /** `uploader` added photos to the home: tell the others, after the request, as the rules allow. */
  newPhotos(uploader: Pick<HomeMember, 'userId' | 'homeId'>): void {
    if (this.templateId() === null) return;
    this.deps.background.run('new-photo messages', () => this.sendNewPhotos(uploader).then(() => undefined));
  }

  /** Claims the recipients and sends each their message; answers how many went. */
  async sendNewPhotos(uploader: Pick<HomeMember, 'userId' | 'homeId'>): Promise<number> {
    const templateId = this.templateId();
    if (templateId === null) return 0;
    const now = this.deps.clock.now();
    const sentBefore = new Date(now.getTime() - NOTIFY_MIN_INTERVAL_MINUTES * 60_000).toISOString();
    const { homeId } = uploader;
    const recipients = await this.subscriptions.claimRecipients(homeId, uploader.userId, now.toISOString(), sentBefore);
    if (recipients.length === 0) return 0;
    const [who, home] = await Promise.all([
      new UsersRepository(this.deps.db).findById(uploader.userId),
      new HomesRepository(this.deps.db).byId(homeId),
    ]);
    const data = {
      thing1: thing(liveName(who?.display_name ?? '') ?? '家人'),
      thing2: thing(home?.name ?? '小家'),
      time3: wechatTime(now),
    };
    const page = `${NOTIFY_PAGE}?homeId=${encodeURIComponent(homeId)}`;
    let sent = 0;
    for (const recipient of recipients) {
      try {
        const answer = await this.deps.wechat.subscribeMessage.send({
          touser: recipient.openid,
          templateId,
          page,
          data,
        });
        if (answer === 'sent') sent++;
        else await this.subscriptions.clear(homeId, recipient.user_id);
      } catch (error) {
        this.deps.logger.warn({ err: error, homeId, userId: recipient.user_id }, 'subscribe message failed');
        await this.subscriptions.giveBack(homeId, recipient.user_id, NOTIFY_CREDITS_MAX);
      }
    }
    return sent;
  }
}
