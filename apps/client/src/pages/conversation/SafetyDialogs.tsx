/**
 * From a conversation's header: block the other (confirmed; the thread then says so, with unblock), and
 * report them or one of their messages (reports.create, kind 'user' or 'message', with a reason).
 */
import { useMutation } from '@tanstack/react-query';
import { zReportCreateInput } from '@xiaojia/shared';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';

export type ReportTarget = { kind: 'user'; targetId: string } | { kind: 'message'; targetId: string };

export interface SafetyDialogsProps {
  other: { userId: string; displayName: string };
  blocking: boolean;
  reporting: ReportTarget | null;
  onBlocked(): void;
  onReported(): void;
  onClose(): void;
}

export function SafetyDialogs({ other, blocking, reporting, onBlocked, onReported, onClose }: SafetyDialogsProps) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const block = useMutation(
    trpc.blocks.block.mutationOptions({
      onSuccess: async () => {
        onBlocked();
        await invalidate.blocksChanged();
      },
    }),
  );
  const report = useMutation(trpc.reports.create.mutationOptions({ onSuccess: onReported }));
  return (
    <>
      <ConfirmDialog
        id="block-dialog"
        open={blocking}
        title={t('conversation.block.title', { name: other.displayName })}
        body={block.error ? errorMessage(block.error, t) : t('conversation.block.body')}
        confirmLabel={t('conversation.block')}
        cancelLabel={t('common.cancel')}
        danger
        busy={block.isPending}
        onConfirm={() => block.mutate({ userId: other.userId })}
        onCancel={onClose}
      />
      <ReasonDialog
        id="report-dialog"
        open={reporting !== null}
        title={t(reporting?.kind === 'message' ? 'conversation.report.messageTitle' : 'conversation.report.userTitle', {
          name: other.displayName,
        })}
        body={t('conversation.report.body')}
        placeholder={t('conversation.report.placeholder')}
        confirmLabel={t('conversation.report.send')}
        cancelLabel={t('common.cancel')}
        schema={zReportCreateInput.shape.reason}
        invalidMessage={t('conversation.report.invalid')}
        busy={report.isPending}
        error={report.error ? errorMessage(report.error, t) : null}
        onConfirm={(reason) => reporting && report.mutate({ ...reporting, reason })}
        onCancel={onClose}
      />
    </>
  );
}
