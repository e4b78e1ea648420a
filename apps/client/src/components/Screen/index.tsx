/**
 * What the albums, album, trash, storage and account screens share: their stylesheet and the view of a
 * query that is still loading or failed (with a retry, since a parent on a train loses the network).
 */
import { Button, Text, View } from '@tarojs/components';
import { type MessageKey, useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import './index.css';

export interface QueryStateProps {
  /** Message key while loading, e.g. 'albums.loading'. */
  loadingKey: MessageKey;
  /** Message key for a failure, with a {message} placeholder. */
  failedKey: MessageKey;
  isPending: boolean;
  error: unknown;
  onRetry(): void;
  id?: string;
}

/** Renders the loading or failure state, or nothing once there is data to show. */
export function QueryState({ loadingKey, failedKey, isPending, error, onRetry, id = 'screen-state' }: QueryStateProps) {
  const t = useT();
  if (error) {
    return (
      <View className="screen__state" id={id}>
        <Text className="screen__error">{t(failedKey, { message: errorMessage(error, t) })}</Text>
        <Button className="screen__button screen__button--primary screen__button--block" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </View>
    );
  }
  if (isPending) {
    return (
      <View className="screen__state" id={id}>
        <Text className="screen__state-text">{t(loadingKey)}</Text>
      </View>
    );
  }
  return null;
}

/** An empty list, said in a sentence that tells what to do next. */
export function EmptyState({ text, id = 'screen-empty' }: { text: string; id?: string }) {
  return (
    <View className="screen__state" id={id}>
      <Text className="screen__state-text">{text}</Text>
    </View>
  );
}

/** A one-line outcome of the last action ("已移出 2 张"), or nothing. */
export function Notice({ text, id }: { text: string | null; id: string }) {
  if (!text) return null;
  return (
    <View className="screen__notice" id={id}>
      <Text>{text}</Text>
    </View>
  );
}
