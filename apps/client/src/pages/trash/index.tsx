import { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { TrashScreen } from './TrashScreen';

export default function TrashPage() {
  const t = useT();
  usePageChrome(t('trash.title'));
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return <TrashScreen reachedBottom={reachedBottom} />;
}
