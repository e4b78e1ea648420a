/**
 * The conversation's composer: a message of up to MESSAGE_MAX characters with its counter; the server's
 * refusal in words under it (blocked, suspended, the content check). When the two do not follow each other
 * yet (MESSAGE_NOT_ALLOWED on a first message), it says so and offers to send the text as a request.
 */
import { Text, Textarea, View } from '@tarojs/components';
import { MESSAGE_MAX } from '@xiaojia/shared';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { useT } from '../../i18n';
import { appCodeOf, errorMessage } from '../../i18n/errors';

export interface ComposerProps {
  busy: boolean;
  /** The last send's refusal (until the next send). */
  error: unknown;
  /** A first message may go as a request instead (no conversation yet, or none active). */
  mayRequest: boolean;
  disabled?: boolean;
  /** Sends; resolves true when the message went (the draft is then cleared). */
  onSend(text: string, asRequest: boolean): Promise<boolean>;
}

export function Composer({ busy, error, mayRequest, disabled = false, onSend }: ComposerProps) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const length = [...draft.trim()].length;
  const over = length > MESSAGE_MAX;
  const notAllowed = appCodeOf(error) === 'MESSAGE_NOT_ALLOWED';
  const send = (asRequest: boolean) => {
    if (length === 0 || over) return;
    void onSend(draft.trim(), asRequest).then((sent) => sent && setDraft(''));
  };
  return (
    <View className="cm__composer" id="composer">
      <Textarea
        id="message-input"
        className="cm__input"
        value={draft}
        placeholder={t('conversation.placeholder')}
        maxlength={-1}
        autoHeight
        disabled={busy || disabled || undefined}
        onInput={(event) => setDraft(event.detail.value)}
      />
      <Text id="message-counter" className={`cm__counter${over ? ' cm__counter--over' : ''}`}>
        {t('conversation.counter', { length, max: MESSAGE_MAX })}
      </Text>
      <View className="screen__actions">
        <ActionButton
          id="message-send"
          className="screen__button screen__button--primary"
          busy={busy}
          disabled={disabled || length === 0 || over}
          onClick={() => send(false)}
        >
          {t('conversation.send')}
        </ActionButton>
        {notAllowed && mayRequest && (
          <ActionButton
            id="message-request"
            className="screen__button"
            busy={busy}
            disabled={length === 0 || over}
            onClick={() => send(true)}
          >
            {t('conversation.sendRequest')}
          </ActionButton>
        )}
      </View>
      {error ? (
        <Text id="message-problem" className="screen__error">
          {notAllowed
            ? t(mayRequest ? 'conversation.notAllowed' : 'conversation.notAllowedNoRequest')
            : errorMessage(error, t)}
        </Text>
      ) : null}
    </View>
  );
}
