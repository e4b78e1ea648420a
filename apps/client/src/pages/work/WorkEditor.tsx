/**
 * The author edits a work: title, description, tags, place and whether the EXIF shows (works.update; the
 * EXIF itself was read when publishing, so the toggle can only keep or drop what the work has). An edit
 * goes back through review; the server's refusal (a content check) is said as it gave it.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import type { Work } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { WorkFactsForm } from '../../components/WorkFactsForm';
import { factsInput, type WorkFacts } from '../../components/WorkFactsForm/facts';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';

export function WorkEditor({ work, onClose }: { work: Work; onClose(): void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const [facts, setFacts] = useState<WorkFacts>({
    title: work.title,
    description: work.description,
    tags: work.tags,
    place: work.place ?? '',
    showExif: work.exif !== null,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const update = useMutation(
    trpc.works.update.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.works.get.queryKey({ workId: work.id }), updated);
        void invalidate.worksChanged();
        onClose();
      },
      onError: (error) => setProblem(t('work.saveFailed', { message: errorMessage(error, t) })),
    }),
  );
  return (
    <View className="work-editor" id="work-editor">
      <Text className="work-section-title">{t('work.edit')}</Text>
      <WorkFactsForm facts={facts} onChange={setFacts} exif={work.exif} />
      {problem && (
        <Text className="work-error" id="work-editor-problem">
          {problem}
        </Text>
      )}
      <View className="work__mine">
        <ActionButton id="work-editor-cancel" className="screen__button" onClick={onClose}>
          {t('common.cancel')}
        </ActionButton>
        <ActionButton
          id="work-editor-save"
          className="screen__button screen__button--primary"
          busy={update.isPending}
          disabled={facts.title.trim() === ''}
          onClick={() => update.mutate({ workId: work.id, ...factsInput(facts, work.exif) })}
        >
          {t('common.save')}
        </ActionButton>
      </View>
    </View>
  );
}
