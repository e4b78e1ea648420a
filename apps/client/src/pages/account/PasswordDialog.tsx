/**
 * Changing the password: the current one and the new one (the sign-up rules, checked with the shared
 * schema before sending). A refusal of the server (a wrong current password with the attempts left, a
 * lockout) shows under the fields.
 */
import { Input, Text } from '@tarojs/components';
import { type ChangePasswordInput, PASSWORD_MAX, PASSWORD_MIN, zPassword } from '@xiaojia/shared';
import { useEffect, useState } from 'react';
import { Dialog } from '../../components/ConfirmDialog';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';

export interface PasswordDialogProps {
  open: boolean;
  busy: boolean;
  /** The last refusal of the server, if any. */
  error: unknown;
  onConfirm(input: ChangePasswordInput): void;
  onCancel(): void;
}

const ID = 'password-dialog';

interface PasswordFieldProps {
  id: string;
  value: string;
  placeholder: string;
  busy: boolean;
  onInput(value: string): void;
  onConfirm?(): void;
}

function PasswordField({ id, value, placeholder, busy, onInput, onConfirm }: PasswordFieldProps) {
  return (
    <Input
      id={id}
      className="xj-dialog__input"
      value={value}
      password
      placeholder={placeholder}
      maxlength={PASSWORD_MAX}
      disabled={busy || undefined}
      onInput={(event) => onInput(event.detail.value)}
      onConfirm={onConfirm}
    />
  );
}

export function PasswordDialog({ open, busy, error, onConfirm, onCancel }: PasswordDialogProps) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  // Each opening starts empty: a password is not kept around longer than needed.
  useEffect(() => {
    if (open) {
      setCurrent('');
      setNext('');
      setInvalid(null);
    }
  }, [open]);

  function confirm() {
    if (current === '') return setInvalid(t('account.password.currentMissing'));
    if (!zPassword.safeParse(next).success) {
      return setInvalid(next.length < PASSWORD_MIN ? t('auth.password.tooShort') : t('auth.password.tooLong'));
    }
    onConfirm({ currentPassword: current, newPassword: next });
  }

  const message = invalid ?? (error ? errorMessage(error, t) : null);
  return (
    <Dialog
      id={ID}
      open={open}
      title={t('account.password.title')}
      confirmLabel={t('common.save')}
      cancelLabel={t('common.cancel')}
      busy={busy}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <PasswordField
        id={`${ID}-current`}
        value={current}
        placeholder={t('account.password.current')}
        busy={busy}
        onInput={(value) => {
          setCurrent(value);
          setInvalid(null);
        }}
      />
      <PasswordField
        id={`${ID}-new`}
        value={next}
        placeholder={t('account.password.new')}
        busy={busy}
        onInput={(value) => {
          setNext(value);
          setInvalid(null);
        }}
        onConfirm={confirm}
      />
      <Text className="xj-dialog__body">{t('account.password.hint')}</Text>
      {message && (
        <Text id={`${ID}-error`} className="xj-dialog__error">
          {message}
        </Text>
      )}
    </Dialog>
  );
}
