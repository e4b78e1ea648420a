/** The name dialog with the home wording and limits (zHomeName), for a new home and a rename. */
import { zHomeName } from '@xiaojia/shared';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import type { AlbumNameDialogProps } from './AlbumNameDialog';
import { NameDialog } from './index';

/** The album dialog's props, and an id for a page that shows two (rename, new home). */
export interface HomeNameDialogProps extends AlbumNameDialogProps {
  id?: string;
}

export function HomeNameDialog({ error, id = 'home-name-dialog', ...props }: HomeNameDialogProps) {
  const t = useT();
  return (
    <NameDialog
      id={id}
      schema={zHomeName}
      placeholder={t('account.newHome.placeholder')}
      confirmLabel={t('common.save')}
      cancelLabel={t('common.cancel')}
      emptyMessage={t('home.name.empty')}
      tooLongMessage={t('home.name.tooLong')}
      error={error ? t('members.failed', { message: errorMessage(error, t) }) : null}
      {...props}
    />
  );
}
