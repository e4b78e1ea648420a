/**
 * Modals for things that cannot be undone (delete an album, delete forever, unbind) and for a name.
 * Our own small component rather than Taro.showModal: it renders the same on weapp, H5 and RN, can say
 * "working…" while the action runs, and can be driven in component tests and e2e.
 */
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.css';
import { ActionButton } from '../ActionButton';

export interface DialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  cancelLabel: string;
  /** Red confirm button: the action destroys something. */
  danger?: boolean;
  /** The action is running: both buttons wait, the backdrop does not close. */
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
  id: string;
  children?: ReactNode;
}

/** The frame every dialog shares: backdrop, title, content, cancel and confirm. */
export function Dialog({
  open,
  title,
  confirmLabel,
  cancelLabel,
  danger,
  busy,
  onConfirm,
  onCancel,
  id,
  children,
}: DialogProps) {
  if (!open) return null;
  return (
    <View className="xj-dialog" id={id}>
      <View className="xj-dialog__backdrop" onClick={() => !busy && onCancel()} />
      <View className="xj-dialog__panel" role="dialog" aria-modal>
        <Text className="xj-dialog__title">{title}</Text>
        {children}
        <View className="xj-dialog__actions">
          <ActionButton id={`${id}-cancel`} className="xj-dialog__button" disabled={busy} onClick={onCancel}>
            {cancelLabel}
          </ActionButton>
          <ActionButton
            id={`${id}-confirm`}
            className={`xj-dialog__button xj-dialog__button--primary${danger ? ' xj-dialog__button--danger' : ''}`}
            busy={busy}
            onClick={onConfirm}
          >
            {confirmLabel}
          </ActionButton>
        </View>
      </View>
    </View>
  );
}

export interface ConfirmDialogProps extends Omit<DialogProps, 'id' | 'children'> {
  body?: string;
  id?: string;
}

export function ConfirmDialog({ body, id = 'confirm-dialog', ...frame }: ConfirmDialogProps) {
  return (
    <Dialog id={id} {...frame}>
      {body && <Text className="xj-dialog__body">{body}</Text>}
    </Dialog>
  );
}
