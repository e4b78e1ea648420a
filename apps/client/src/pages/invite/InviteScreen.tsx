/**
 * Inviting someone to the current home: choose their role (家人 or 亲友), how long the invite lasts and how
 * many may use it, then send the link (copy it), show the QR code (H5, RN) or, in WeChat, a share card and
 * the mini-program code. The open invites are listed with a way to withdraw each. What the platform can do
 * and copying are handed in (tests).
 */

import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { Button, Image, Text, View } from '@tarojs/components';
import {
  type CreatedInvite,
  type GrantableRole,
  INVITE_DEFAULT_DAYS,
  INVITE_MAX_USES,
  type Invite,
} from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { QrCode } from '../../components/QrCode';
import { EmptyState, Notice, QueryState } from '../../components/Screen';
import type { CurrentHome } from '../../home';
import { HomeGate } from '../../home/HomeGate';
import { useT } from '../../i18n';
import { appCodeOf, errorMessage } from '../../i18n/errors';
import { formatDateTime } from '../../lib/format';
import { GRANTABLE_ROLES, mayInvite } from '../members/roles';
import { inviteLinkFor } from './link';
import './index.css';
import { loadFamilyPagesMessages } from '../../i18n/family-pages';

loadFamilyPagesMessages();

export const INVITE_DAY_CHOICES = [1, 7, 30] as const;

export interface InviteScreenProps {
  /** Draw the link as a QR code (H5, RN: weapp has WeChat's own code). */
  qr: boolean;
  /** In WeChat: the share card and the mini-program code. */
  wechat: boolean;
  /** The server's origin for the link, or null where the build does not know it. */
  origin: string | null;
  copy(text: string): Promise<void>;
  /** A new invite was made (the page's share card carries its code). */
  onCreated?(created: CreatedInvite): void;
}

/** The states before there is a home to show (loading, failure, no home at all) are HomeGate's. */
export function InviteScreen(props: InviteScreenProps) {
  const t = useT();
  return (
    <HomeGate>
      {(home) =>
        mayInvite(home) ? (
          <InviteForm {...props} home={home} />
        ) : (
          <View className="screen" id="invite-page">
            <EmptyState id="invite-not-allowed" text={t('invite.notAllowed')} />
          </View>
        )
      }
    </HomeGate>
  );
}

function InviteForm({
  qr,
  wechat,
  origin,
  copy,
  onCreated,
  home,
}: InviteScreenProps & { home: NonNullable<CurrentHome['home']> }) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [role, setRole] = useState<GrantableRole>('member');
  const [days, setDays] = useState<number>(INVITE_DEFAULT_DAYS);
  const [uses, setUses] = useState(1);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Invite | null>(null);
  const homeId = home.id;

  const invites = useQuery(trpc.invites.list.queryOptions({ homeId }));
  const refreshList = () => void invalidate.invitesChanged();
  const failed = (error: unknown) => setNotice(t('invite.failed', { message: errorMessage(error, t) }));
  const create = useMutation(
    trpc.invites.create.mutationOptions({
      onSuccess(answer) {
        setCreated(answer);
        setNotice(t('invite.created'));
        onCreated?.(answer);
        refreshList();
      },
      onError: failed,
    }),
  );
  const revoke = useMutation(
    trpc.invites.revoke.mutationOptions({
      onSuccess() {
        setRevoking(null);
        setNotice(t('invite.revoked'));
        refreshList();
      },
      onError(error) {
        setRevoking(null);
        failed(error);
      },
    }),
  );
  const wxaCode = useQuery({
    ...trpc.invites.miniProgramCode.queryOptions(wechat && created ? { homeId, code: created.code } : skipToken),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const link = created ? inviteLinkFor(origin, created.code) : null;

  const choice = (id: string, selected: boolean, label: string, onClick: () => void, hint?: string) => (
    <View
      key={id}
      id={id}
      className={`invite__choice${selected ? ' invite__choice--selected' : ''}`}
      aria-selected={selected}
      onClick={onClick}
    >
      <Text className="invite__choice-label">{label}</Text>
      {hint && <Text className="invite__choice-hint">{hint}</Text>}
    </View>
  );

  return (
    <View className="screen" id="invite-page">
      <View className="screen__card" id="invite-form">
        <Text className="screen__heading">{t('invite.for', { home: home.name })}</Text>
        <Text className="invite__label">{t('invite.role')}</Text>
        <View className="invite__choices invite__choices--column">
          {GRANTABLE_ROLES.map((value) =>
            choice(
              `invite-role-${value}`,
              role === value,
              t(`roles.${value}`),
              () => setRole(value),
              t(`roles.${value}.can`),
            ),
          )}
        </View>
        <Text className="invite__label">{t('invite.days')}</Text>
        <View className="invite__choices">
          {INVITE_DAY_CHOICES.map((value) =>
            choice(`invite-days-${value}`, days === value, t('invite.days.value', { days: value }), () =>
              setDays(value),
            ),
          )}
        </View>
        <Text className="invite__label">{t('invite.uses')}</Text>
        <View className="invite__stepper">
          <ActionButton
            id="invite-uses-less"
            className="screen__button invite__step"
            disabled={uses <= 1}
            aria-label={t('invite.uses.less')}
            onClick={() => setUses(uses - 1)}
          >
            −
          </ActionButton>
          <Text id="invite-uses" className="invite__uses">
            {t('invite.uses.value', { uses })}
          </Text>
          <ActionButton
            id="invite-uses-more"
            className="screen__button invite__step"
            disabled={uses >= INVITE_MAX_USES}
            aria-label={t('invite.uses.more')}
            onClick={() => setUses(uses + 1)}
          >
            +
          </ActionButton>
        </View>
        <ActionButton
          id="invite-create"
          className="screen__button screen__button--primary screen__button--block invite__create"
          busy={create.isPending}
          onClick={() => {
            setNotice(null);
            create.mutate({ homeId, role, expiresInDays: days, maxUses: uses });
          }}
        >
          {t('invite.create')}
        </ActionButton>
      </View>

      <Notice id="invite-notice" text={notice} />

      {created && (
        <View className="screen__card" id="invite-result">
          <Text className="screen__heading">{t('invite.link')}</Text>
          {link ? (
            <>
              <Text id="invite-link" className="invite__link" userSelect>
                {link}
              </Text>
              <ActionButton
                id="invite-copy"
                className="screen__button screen__button--block"
                onClick={() =>
                  void copy(link).then(
                    () => setNotice(t('invite.copied')),
                    (error: unknown) => failed(error),
                  )
                }
              >
                {t('invite.copy')}
              </ActionButton>
              {qr && (
                <View className="invite__qr">
                  <QrCode id="invite-qr" text={link} size={270} label={link} />
                  <Text className="screen__hint invite__center">{t('invite.qr')}</Text>
                </View>
              )}
            </>
          ) : (
            <Text id="invite-no-link" className="screen__hint">
              {t('invite.noLink')}
            </Text>
          )}
          {wechat && (
            <>
              <Button
                id="invite-share"
                className="screen__button screen__button--primary screen__button--block"
                openType="share"
              >
                {t('invite.share')}
              </Button>
              <WxaCode query={wxaCode} />
            </>
          )}
        </View>
      )}

      <View className="screen__card" id="invites">
        <Text className="screen__heading">{t('invite.active')}</Text>
        {invites.data ? (
          invites.data.items.length === 0 ? (
            <Text id="invites-none" className="screen__hint">
              {t('invite.none')}
            </Text>
          ) : (
            <View id="invites-list">
              {invites.data.items.map((invite) => (
                <View key={invite.id} id={`invite-${invite.id}`} className="screen__row">
                  <View className="invite__item">
                    <Text className="invite__item-title">
                      {t('invite.summary', {
                        role: t(`roles.${invite.role}`),
                        uses: invite.uses,
                        maxUses: invite.maxUses,
                        date: formatDateTime(invite.expiresAt),
                      })}
                    </Text>
                    <Text className="screen__hint">{t('invite.by', { name: invite.createdByName })}</Text>
                  </View>
                  <Button
                    id={`invite-revoke-${invite.id}`}
                    className="screen__button screen__button--danger invite__revoke"
                    onClick={() => {
                      setNotice(null);
                      setRevoking(invite);
                    }}
                  >
                    {t('invite.revoke')}
                  </Button>
                </View>
              ))}
            </View>
          )
        ) : (
          <QueryState
            id="invites-state"
            loadingKey="members.loading"
            failedKey="members.loadFailed"
            isPending={invites.isPending}
            error={invites.error}
            onRetry={() => void invites.refetch()}
          />
        )}
      </View>

      <ConfirmDialog
        id="revoke-invite-dialog"
        open={revoking !== null}
        title={t('invite.revoke.title')}
        body={t('invite.revoke.body')}
        confirmLabel={t('invite.revoke')}
        cancelLabel={t('common.cancel')}
        danger
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ homeId, inviteId: revoking.id })}
        onCancel={() => setRevoking(null)}
      />
    </View>
  );
}

/** WeChat's mini-program code for the invite; nothing at all when the server has no WeChat app. */
function WxaCode({ query }: { query: { data?: { pngBase64: string }; error: unknown; isPending: boolean } }) {
  const t = useT();
  if (query.data) {
    return (
      <View className="invite__qr">
        <Image
          id="invite-wxacode"
          className="invite__wxacode"
          src={`data:image/png;base64,${query.data.pngBase64}`}
          showMenuByLongpress
        />
        <Text className="screen__hint invite__center">{t('invite.wxacode')}</Text>
      </View>
    );
  }
  if (query.error) {
    if (appCodeOf(query.error) === 'WECHAT_NOT_CONFIGURED') return null;
    return (
      <Text id="invite-wxacode-error" className="screen__hint">
        {t('invite.wxacode.failed', { message: errorMessage(query.error, t) })}
      </Text>
    );
  }
  return <Text className="screen__hint">{t('invite.wxacode.loading')}</Text>;
}
