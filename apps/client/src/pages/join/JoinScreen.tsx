/**
 * Joining a home from an invite (link, QR code, WeChat card or mini-program code): the preview (home,
 * inviter, role) and nothing else; signed out, the sign-in / sign-up forms of the welcome screen right
 * here; then "加入" joins, makes that home current and opens it. Someone already in the home goes straight
 * in. Whether the device is signed in, signing in and leaving are handed in (tests).
 */

import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import type { AuthResult, Home } from '@xiaojia/shared';
import { useEffect } from 'react';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { QueryState } from '../../components/Screen';
import { useMakeHomeCurrent } from '../../home';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { WelcomeScreen } from '../welcome/WelcomeScreen';
import './index.css';
import { loadFamilyPagesMessages } from '../../i18n/family-pages';

loadFamilyPagesMessages();

export interface JoinScreenProps {
  /** The invite code the page was opened with (null: none, or mangled). */
  code: string | null;
  signedIn: boolean;
  /** Keep the new session (store the token, forget the cache); the preview then asks again. */
  onSignedIn(result: AuthResult): Promise<void>;
  /** Joined (or already in): the home is current; open it. */
  onJoined(home: Home): void;
}

export function JoinScreen({ code, signedIn, onSignedIn, onJoined }: JoinScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const makeCurrent = useMakeHomeCurrent();
  const preview = useQuery({
    ...trpc.invites.preview.queryOptions(code ? { code } : skipToken),
    // Each look-up counts against the address's limit: ask once per sign-in state.
    staleTime: Number.POSITIVE_INFINITY,
  });
  const accept = useMutation(
    trpc.invites.accept.mutationOptions({
      async onSuccess(home) {
        await makeCurrent(home);
        onJoined(home);
      },
    }),
  );
  const already = signedIn && preview.data?.alreadyMember === true;
  const { mutate, isIdle } = accept;
  useEffect(() => {
    if (already && code && isIdle) mutate({ code });
  }, [already, code, isIdle, mutate]);

  if (!code) {
    return (
      <View className="screen join" id="join-page">
        <Text id="join-error" className="join__error">
          {t('join.noCode')}
        </Text>
      </View>
    );
  }
  if (!preview.data) {
    return (
      <View className="screen join" id="join-page">
        {preview.error ? (
          <Text id="join-error" className="join__error">
            {errorMessage(preview.error, t)}
          </Text>
        ) : (
          <QueryState
            id="join-state"
            loadingKey="join.loading"
            failedKey="join.failed"
            isPending={preview.isPending}
            error={null}
            onRetry={() => void preview.refetch()}
          />
        )}
      </View>
    );
  }

  const { homeName, inviterName, role } = preview.data;
  return (
    <View className="screen join" id="join-page">
      <View className="screen__card join__card" id="join-preview">
        <Text className="join__invited-by">{t('join.invitedBy', { inviter: inviterName })}</Text>
        <Text id="join-home-name" className="join__home-name">
          {homeName}
        </Text>
        <Text id="join-role" className="join__role">
          {t('join.as', { role: t(`roles.${role}`) })}
        </Text>
        <Text className="screen__hint">{t(`roles.${role}.can`)}</Text>
      </View>

      {!signedIn ? (
        <View id="join-sign-in">
          <Text className="join__hint">{t('join.signInFirst')}</Text>
          <WelcomeScreen onSignedIn={onSignedIn} />
        </View>
      ) : already ? (
        <Text id="join-already" className="join__hint">
          {accept.error ? t('join.joinFailed', { message: errorMessage(accept.error, t) }) : t('join.already')}
        </Text>
      ) : (
        <>
          <ActionButton
            id="join-button"
            className="screen__button screen__button--primary screen__button--block join__button"
            busy={accept.isPending}
            onClick={() => accept.mutate({ code })}
          >
            {t('join.button')}
          </ActionButton>
          {accept.error != null && (
            <Text id="join-error" className="join__error">
              {t('join.joinFailed', { message: errorMessage(accept.error, t) })}
            </Text>
          )}
        </>
      )}
    </View>
  );
}
