/**
 * A modal asking why (a report's reason, an admin's reason to reject, hide or suspend, a resolution's
 * note), checked by the shared schema of that field so the server never has to refuse it. The community's
 * screens share it; `children` adds fields of its own (a suspension's end).
 */
import { Text, Textarea } from '@tarojs/components';
import { type ReactNode, useEffect, useState } from 'react';
import type { z } from 'zod';
import { Dialog } from '../ConfirmDialog';
import '../../styles/community.css';

export interface ReasonDialogProps {
  id: string;
  open: boolean;
  title: string;
  body?: string;
  placeholder?: string;
  confirmLabel: string;
  cancelLabel: string;
  /** The field's shared schema (trimmed, bounded); an optional one allows an empty answer. */
  schema: z.ZodType<string | undefined>;
  /** Shown when the schema refuses what was typed (empty, or too long). */
  invalidMessage: string;
  danger?: boolean;
  busy?: boolean;
  /** The server's refusal, in words. */
  error?: string | null;
  onConfirm(reason: string): void;
  onCancel(): void;
  children?: ReactNode;
}

export function ReasonDialog({
  id,
  body,
  placeholder,
  schema,
  invalidMessage,
  error,
  onConfirm,
  children,
  ...frame
}: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (frame.open) {
      setReason('');
      setInvalid(false);
    }
  }, [frame.open]);
  const confirm = () => {
    const parsed = schema.safeParse(reason);
    if (!parsed.success) setInvalid(true);
    else onConfirm(parsed.data ?? '');
  };
  const message = invalid ? invalidMessage : (error ?? null);
  return (
    <Dialog id={id} {...frame} onConfirm={confirm}>
      {body && <Text className="xj-dialog__body">{body}</Text>}
      <Textarea
        id={`${id}-input`}
        className="cm__field"
        value={reason}
        placeholder={placeholder}
        maxlength={-1}
        disabled={frame.busy || undefined}
        onInput={(event) => {
          setReason(event.detail.value);
          setInvalid(false);
        }}
      />
      {children}
      {message && (
        <Text id={`${id}-error`} className="xj-dialog__error">
          {message}
        </Text>
      )}
    </Dialog>
  );
}
