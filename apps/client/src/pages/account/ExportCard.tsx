/**
 * Me -> Export photos: one row per home the user is in, each with "Export". Asks the server for a fresh
 * short-lived link, then downloads it (export-download.ts) showing progress, and says where the file went.
 * One export runs at a time (the server allows one per account).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Home } from '@xiaojia/shared';
import { useState } from 'react';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { type Translate, useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { formatBytes } from '../viewer/navigation';
import { downloadExport, ExportDownloadError, type ExportProgress } from './export-download';

export interface ExportCardProps {
  onNotice(text: string | null): void;
}

function failureText(error: unknown, t: Translate): string {
  if (error instanceof ExportDownloadError) {
    if (error.status === 409) return t('errors.EXPORT_IN_PROGRESS');
    if (error.status === 0) return t('account.export.interrupted');
  }
  return t('account.export.failed', { message: errorMessage(error, t) });
}

export function ExportCard({ onNotice }: ExportCardProps) {
  const t = useT();
  const trpc = useTRPC();
  const createLink = useMutation(trpc.exports.create.mutationOptions());
  const homes = useQuery(trpc.homes.list.queryOptions());
  const [running, setRunning] = useState<{ homeId: string; progress: ExportProgress | null } | null>(null);
  const [sharable, setSharable] = useState<{ path: string; filename: string } | null>(null);

  async function start(home: Home) {
    onNotice(null);
    setSharable(null);
    setRunning({ homeId: home.id, progress: null });
    try {
      const link = await createLink.mutateAsync({ homeId: home.id });
      const total = formatBytes(link.size);
      const outcome = await downloadExport(link, (progress) => setRunning({ homeId: home.id, progress }));
      if (outcome.kind === 'browser') {
        onNotice(t('account.export.started', { name: home.name, total, count: link.photoCount }));
      } else if (process.env.TARO_ENV === 'weapp') {
        setSharable({ path: outcome.path, filename: link.filename });
        onNotice(t('account.export.savedWeapp', { name: home.name, total }));
      } else {
        onNotice(t('account.export.saved', { name: home.name, total, path: outcome.path }));
      }
    } catch (error) {
      onNotice(failureText(error, t));
    } finally {
      setRunning(null);
    }
  }

  const items = homes.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <View className="screen__card" id="export-card">
      <Text className="screen__heading">{t('account.export.heading')}</Text>
      <Text className="screen__hint">{t('account.export.hint')}</Text>
      {items.map((home) => {
        const progress = running?.homeId === home.id ? running.progress : null;
        return (
          <View key={home.id} id={`export-${home.id}`} className="screen__row account__export">
            <View className="account__device-main">
              <Text className="account__link-text">{home.name}</Text>
              {running?.homeId === home.id && (
                <Text id={`export-progress-${home.id}`} className="screen__hint">
                  {progress && progress.total > 0
                    ? t('account.export.progress', {
                        percent: Math.floor((progress.written / progress.total) * 100),
                        done: formatBytes(progress.written),
                        total: formatBytes(progress.total),
                      })
                    : t('account.export.preparing')}
                </Text>
              )}
            </View>
            <ActionButton
              id={`export-start-${home.id}`}
              className="screen__button account__revoke"
              busy={running?.homeId === home.id}
              disabled={running !== null}
              onClick={() => void start(home)}
            >
              {t('account.export.start')}
            </ActionButton>
          </View>
        );
      })}
      {sharable && (
        <ActionButton
          id="export-share"
          className="screen__button screen__button--block"
          onClick={() => void Taro.shareFileMessage({ filePath: sharable.path, fileName: sharable.filename })}
        >
          {t('account.export.share')}
        </ActionButton>
      )}
    </View>
  );
}
