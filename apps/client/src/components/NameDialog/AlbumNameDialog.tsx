/** The name dialog with the album wording and limits, for creating and renaming an album. */
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { NameDialog } from './index';

export interface AlbumNameDialogProps {
  open: boolean;
  title: string;
  initial?: string;
  busy: boolean;
  /** The last refusal of the server, if any. */
  error: unknown;
  onConfirm(name: string): void;
  onCancel(): void;
}

export function AlbumNameDialog({ error, ...props }: AlbumNameDialogProps) {
  const t = useT();
  return (
    <NameDialog
      id="album-name-dialog"
      placeholder={t('albums.name.placeholder')}
      confirmLabel={t('common.save')}
      cancelLabel={t('common.cancel')}
      emptyMessage={t('albums.name.empty')}
      tooLongMessage={t('albums.name.tooLong')}
      error={error ? t('albums.failed', { message: errorMessage(error, t) }) : null}
      {...props}
    />
  );
}
