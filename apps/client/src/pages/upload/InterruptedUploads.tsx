/**
 * Large uploads a closed app cut (upload/multipart/stored.ts): listed with how far they got. In a browser
 * the same file picked again continues where it stopped; on WeChat and RN they continue by themselves.
 * "Forget" gives one up, on the storage too. Refreshed as the queue changes (a re-picked file leaves the list).
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { type InterruptedUpload, notInQueue } from '../../upload/multipart/stored';
import type { UploadItem } from '../../upload/queue';

export interface StoredUploads {
  list(): Promise<InterruptedUpload[]>;
  forget(key: string): Promise<void>;
  /** The platform reopens the files by itself (no need to pick them again). */
  canReopen: boolean;
}

export function InterruptedUploads({ stored, items }: { stored: StoredUploads; items: readonly UploadItem[] }) {
  const t = useT();
  const [uploads, setUploads] = useState<InterruptedUpload[]>([]);
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a queue change (or a forget) may change what is stored.
  useEffect(() => {
    let live = true;
    stored
      .list()
      .then((found) => {
        if (live) setUploads(found);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [stored, items, version]);
  const shown = notInQueue(uploads, items);
  if (shown.length === 0) return null;
  return (
    <View id="upload-interrupted" className="upload__interrupted">
      <Text className="upload__interrupted-title">{t('upload.interrupted.title', { count: shown.length })}</Text>
      <Text className="upload__hint">
        {t(stored.canReopen ? 'upload.interrupted.hintContinue' : 'upload.interrupted.hintPickAgain')}
      </Text>
      {shown.map((upload) => (
        <View key={upload.key} className="upload-item__head upload__interrupted-item">
          <Text className="upload-item__name">
            {t('upload.interrupted.item', { name: upload.filename, done: upload.partsDone, total: upload.partsTotal })}
          </Text>
          <Text
            className="upload-item__action"
            onClick={() => void stored.forget(upload.key).finally(() => setVersion((v) => v + 1))}
          >
            {t('upload.interrupted.forget')}
          </Text>
        </View>
      ))}
    </View>
  );
}
