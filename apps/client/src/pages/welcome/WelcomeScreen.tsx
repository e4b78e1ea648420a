/**
 * The sign-in screen: WeChat sign-in on the mini-program (Taro.login -> auth.signInWithWechat); username
 * and password sign-in or sign-up on H5 and RN, checked with the shared schemas before sending; every
 * refusal in the user's words (wrong password with attempts left, locked out with minutes left), and
 * what to do about a forgotten password (there is no e-mail: the server's operator resets it).
 */

import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type AuthResult, zSignInInput, zSignUpInput } from '@xiaojia/shared';
import { useState } from 'react';
import { useApi } from '../../api/context';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { type AuthMode, validateAuthForm } from './form';
import './index.css';
import { ActionButton } from '../../components/ActionButton';

const isWeapp = process.env.TARO_ENV === 'weapp';

export interface WelcomeScreenProps {
  /** Why the app came back here (an app error code), if it was sent. */
  reason?: string;
  onSignedIn(result: AuthResult): Promise<void>;
}

export function WelcomeScreen({ reason, onSignedIn }: WelcomeScreenProps) {
  const t = useT();
  const api = useApi();
  const [mode, setMode] = useState<AuthMode>('signIn');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [forgotOpen, setForgotOpen] = useState(false);

  async function attempt(action: () => Promise<AuthResult>) {
    setBusy(true);
    setError(null);
    try {
      await onSignedIn(await action());
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setBusy(false);
    }
  }

  function submit() {
    const checked = validateAuthForm(mode, { username, password, displayName });
    if (!checked.ok) {
      setError(t(checked.messageKey));
      return;
    }
    if (mode === 'signUp') {
      const input = zSignUpInput.parse(checked.values);
      void attempt(() => api.auth.signUp.mutate(input));
    } else {
      const input = zSignInInput.parse(checked.values);
      void attempt(() => api.auth.signIn.mutate(input));
    }
  }

  function wechat() {
    void attempt(async () => {
      const { code } = await Taro.login();
      return api.auth.signInWithWechat.mutate({ code, device: '微信小程序' });
    });
  }

  return (
    <View className="welcome">
      <View className="welcome__hero">
        <Text className="welcome__title">{t('app.name')}</Text>
        <Text className="welcome__tagline">{t('auth.tagline')}</Text>
      </View>

      {(reason === 'SESSION_EXPIRED' || reason === 'UNAUTHENTICATED') && (
        <View id="auth-notice" className="welcome__notice">
          <Text className="welcome__notice-text">{t('auth.sessionExpired')}</Text>
        </View>
      )}

      {isWeapp ? (
        <ActionButton id="wechat-sign-in" className="welcome__primary" busy={busy} onClick={wechat}>
          {busy ? t('auth.wechat.busy') : t('auth.wechat')}
        </ActionButton>
      ) : (
        <View className="welcome__form">
          <Text className="welcome__label">{t('auth.username')}</Text>
          <Input
            id="username"
            className="welcome__input"
            value={username}
            placeholder={t('auth.username.placeholder')}
            maxlength={32}
            onInput={(event) => setUsername(event.detail.value)}
          />
          <Text className="welcome__label">{t('auth.password')}</Text>
          <Input
            id="password"
            className="welcome__input"
            value={password}
            password
            placeholder={t('auth.password.placeholder')}
            maxlength={128}
            onInput={(event) => setPassword(event.detail.value)}
            onConfirm={submit}
          />
          {mode === 'signUp' && (
            <>
              <Text className="welcome__label">{t('auth.displayName')}</Text>
              <Input
                id="display-name"
                className="welcome__input"
                value={displayName}
                maxlength={40}
                onInput={(event) => setDisplayName(event.detail.value)}
              />
            </>
          )}
          <ActionButton id="auth-submit" className="welcome__primary" busy={busy} onClick={submit}>
            {mode === 'signUp' ? t('auth.signUp') : t('auth.signIn')}
          </ActionButton>
          <View
            id="auth-switch"
            className="welcome__link"
            onClick={() => {
              setMode(mode === 'signIn' ? 'signUp' : 'signIn');
              setError(null);
            }}
          >
            <Text className="welcome__link-text">{mode === 'signIn' ? t('auth.toSignUp') : t('auth.toSignIn')}</Text>
          </View>
          {mode === 'signIn' && (
            <View id="auth-forgot" className="welcome__link" onClick={() => setForgotOpen(!forgotOpen)}>
              <Text className="welcome__link-text">{t('auth.forgot')}</Text>
            </View>
          )}
          {mode === 'signIn' && forgotOpen && (
            <Text id="auth-forgot-hint" className="welcome__forgot-hint">
              {t('auth.forgot.hint')}
            </Text>
          )}
        </View>
      )}

      {error && (
        <View className="welcome__error">
          <Text id="auth-error" className="welcome__error-text">
            {error}
          </Text>
        </View>
      )}
    </View>
  );
}
