/**
 * The back (or close) button of every page that is not a tab: upload, viewer, album, trash, storage and
 * the family pages. It goes back when the app has a page to go back to, and otherwise to the tab the
 * page belongs under; it is not drawn where the platform's own bar already offers the way back (back.ts).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useT } from '../../i18n';
import { backStep, showsBackButton } from './back';
import './index.css';

export interface BackButtonProps {
  /** The tab page to go to when there is no page to go back to, e.g. ROUTES.albums for an album. */
  fallbackTab: string;
  /** 'close' (×, over a photo) for the viewer; 'back' (‹) elsewhere. */
  kind?: 'back' | 'close';
  id?: string;
}

function hasHistory(): boolean {
  return (Taro.getCurrentPages?.() ?? []).length > 1;
}

export function BackButton({ fallbackTab, kind = 'back', id = 'page-back' }: BackButtonProps) {
  const t = useT();
  if (!showsBackButton(process.env.TARO_ENV, hasHistory())) return null;
  const leave = () => {
    const step = backStep(hasHistory(), fallbackTab);
    if (step.kind === 'back') void Taro.navigateBack();
    else void Taro.switchTab({ url: step.url });
  };
  const label = kind === 'close' ? t('common.close') : t('common.back');
  return (
    <View id={id} className={`back-button back-button--${kind}`} ariaRole="button" ariaLabel={label} onClick={leave}>
      <Text className={`back-button__icon back-button__icon--${kind}`}>{kind === 'close' ? '×' : '‹'}</Text>
      {kind === 'back' && <Text className="back-button__label">{label}</Text>}
    </View>
  );
}
