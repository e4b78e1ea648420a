import { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { TrashScreen } from './TrashScreen';

export default function TrashPage() {
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return <TrashScreen reachedBottom={reachedBottom} />;
}
