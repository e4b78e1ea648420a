/**
 * WeChat reminders of new photos (weapp only; the feed renders this there). WeChat grants one subscribe
 * message per acceptance of the template: each tap asks (wx.requestSubscribeMessage, which must come from
 * the tap itself), and an "accept" tells the server it may send one more. Shows the messages still
 * granted plainly ("还能提醒你 3 次"), and nothing at all where the server cannot send (no WeChat, no template).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';

export function NotifyCard({ homeId }: { homeId: string }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.notifications.settings.queryOptions({ homeId }));
  const [problem, setProblem] = useState<string | null>(null);
  const subscribe = useMutation(
    trpc.notifications.subscribe.mutationOptions({
      onSuccess: (answer) => queryClient.setQueryData(trpc.notifications.settings.queryKey({ homeId }), answer),
      onError: (error) => setProblem(t('notify.failed', { message: errorMessage(error, t) })),
    }),
  );
  const data = settings.data;
  if (!data?.available || !data.templateId) return null;
  const templateId = data.templateId;

  const ask = async () => {
    setProblem(null);
    try {
      // Taro's type wants entityIds too, which only device messages use.
      const answer = (await Taro.requestSubscribeMessage({
        tmplIds: [templateId],
      } as Taro.requestSubscribeMessage.Option)) as Record<string, unknown>;
      if (answer[templateId] === 'accept') subscribe.mutate({ homeId, templateId });
      else setProblem(t('notify.rejected'));
    } catch (error) {
      setProblem(t('notify.failed', { message: errorMessage(error, t) }));
    }
  };

  return (
    <View id="notify-card" className="screen__card feed__notify">
      <Text className="screen__heading">{t('notify.title')}</Text>
      <Text className="screen__hint">{t('notify.body')}</Text>
      <View className="feed__notify-row">
        <Text id="notify-credits" className="feed__notify-credits">
          {data.credits > 0 ? t('notify.credits', { count: data.credits }) : t('notify.none')}
        </Text>
        <ActionButton
          id="notify-subscribe"
          className="screen__button screen__button--primary feed__notify-button"
          busy={subscribe.isPending}
          onClick={() => void ask()}
        >
          {data.credits > 0 ? t('notify.more') : t('notify.enable')}
        </ActionButton>
      </View>
      <Text className="screen__hint">{t('notify.once')}</Text>
      {problem && (
        <Text id="notify-problem" className="screen__error">
          {problem}
        </Text>
      )}
    </View>
  );
}
