/** Report a work, a comment or a person to the admins, saying what is wrong (reports.create). */
import { useMutation } from '@tanstack/react-query';
import { Text, Textarea } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type CommunityTarget, REPORT_REASON_MAX } from '@xiaojia/shared';
import { useState } from 'react';
import { useTRPC } from '../../api/query';
import { Dialog } from '../../components/ConfirmDialog';
import { type MessageKey, useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';

const TITLES: Record<CommunityTarget, MessageKey> = {
  work: 'work.reportWork',
  comment: 'work.reportComment',
  user: 'work.reportUser',
  message: 'work.reportComment',
};

export function ReportDialog({
  kind,
  targetId,
  onClose,
}: {
  kind: CommunityTarget;
  targetId: string;
  onClose(): void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation(
    trpc.reports.create.mutationOptions({
      onSuccess: () => {
        onClose();
        void Taro.showToast({ title: t('work.reported'), icon: 'none' });
      },
      onError: (error) => setProblem(errorMessage(error, t)),
    }),
  );
  return (
    <Dialog
      id="work-report-dialog"
      open
      title={t(TITLES[kind])}
      confirmLabel={t('work.reportSend')}
      cancelLabel={t('common.cancel')}
      busy={create.isPending}
      onConfirm={() => {
        if (reason.trim() === '') setProblem(t('work.reportReasonMissing'));
        else create.mutate({ kind, targetId, reason: reason.trim() });
      }}
      onCancel={onClose}
    >
      <Textarea
        id="work-report-reason"
        className="work-compose__input"
        value={reason}
        maxlength={REPORT_REASON_MAX}
        placeholder={t('work.reportPlaceholder')}
        onInput={(event) => setReason(event.detail.value)}
      />
      {problem && (
        <Text className="work-error" id="work-report-problem">
          {problem}
        </Text>
      )}
    </Dialog>
  );
}
