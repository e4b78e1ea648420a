/**
 * A modal asking for a name (a new album, a rename, a home), validated by a shared schema (`zAlbumName`
 * unless told otherwise) so the server never has to refuse it. `error` shows a server refusal under the field.
 */
import { Input, Text } from '@tarojs/components';
import { zAlbumName } from '@xiaojia/shared';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { Dialog } from '../ConfirmDialog';

export interface NameDialogProps {
  open: boolean;
  title: string;
  initial?: string;
  placeholder?: string;
  confirmLabel: string;
  cancelLabel: string;
  /** Messages for an empty name and for one too long (the schema's two limits). */
  emptyMessage: string;
  tooLongMessage: string;
  busy?: boolean;
  error?: string | null;
  onConfirm(name: string): void;
  onCancel(): void;
  id?: string;
  /** The name's schema (trimmed, with a length limit): zAlbumName by default, e.g. zHomeName for a home. */
  schema?: z.ZodType<string>;
}

export function NameDialog({
  initial = '',
  placeholder,
  emptyMessage,
  tooLongMessage,
  error,
  onConfirm,
  id = 'name-dialog',
  schema = zAlbumName,
  ...frame
}: NameDialogProps) {
  const [name, setName] = useState(initial);
  const [invalid, setInvalid] = useState<string | null>(null);

  // Each opening starts from the given name.
  useEffect(() => {
    if (frame.open) {
      setName(initial);
      setInvalid(null);
    }
  }, [frame.open, initial]);

  function confirm() {
    const parsed = schema.safeParse(name);
    if (!parsed.success) {
      setInvalid(name.trim() === '' ? emptyMessage : tooLongMessage);
      return;
    }
    onConfirm(parsed.data);
  }

  const message = invalid ?? error ?? null;
  return (
    <Dialog id={id} {...frame} onConfirm={confirm}>
      <Input
        id={`${id}-input`}
        className="xj-dialog__input"
        value={name}
        placeholder={placeholder}
        maxlength={80}
        disabled={frame.busy || undefined}
        onInput={(event) => {
          setName(event.detail.value);
          setInvalid(null);
        }}
        onConfirm={confirm}
      />
      {message && (
        <Text id={`${id}-error`} className="xj-dialog__error">
          {message}
        </Text>
      )}
    </Dialog>
  );
}
