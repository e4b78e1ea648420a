/**
 * An admin's challenge, new or edited: theme, rules, the cover (one of the admin's published works, or any
 * published work's id), the three times (a day from DateField and a time each) and the entries per user.
 * Checked by the shared schema before it is sent, so the server's refusal is only about the rules it holds
 * (the order of the times, a cover that is not published).
 */
import { useMutation } from '@tanstack/react-query';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { CHALLENGE_ENTRIES_PER_USER_MAX, type Challenge, zChallengeCreateInput } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { DateField } from '../../components/DateField';
import { MyWorkPicker } from '../../components/MyWorkPicker';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { isoToMoment, type LocalMoment, momentToIso } from './local-time';

const TIMES = ['submitStartsAt', 'submitEndsAt', 'voteEndsAt'] as const;
type TimeField = (typeof TIMES)[number];

export interface ChallengeFormProps {
  /** The challenge to edit, or none for a new one. */
  editing: Challenge | null;
  onDone(challenge: Challenge): void;
  onCancel(): void;
}

export function ChallengeForm({ editing, onDone, onCancel }: ChallengeFormProps) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [title, setTitle] = useState(editing?.title ?? '');
  const [rules, setRules] = useState(editing?.rules ?? '');
  const [coverWorkId, setCover] = useState(editing?.coverWorkId ?? '');
  const [perUser, setPerUser] = useState(String(editing?.entriesPerUser ?? 1));
  const [times, setTimes] = useState<Record<TimeField, LocalMoment>>(() => ({
    submitStartsAt: editing ? isoToMoment(editing.submitStartsAt) : { day: null, time: '09:00' },
    submitEndsAt: editing ? isoToMoment(editing.submitEndsAt) : { day: null, time: '21:00' },
    voteEndsAt: editing ? isoToMoment(editing.voteEndsAt) : { day: null, time: '21:00' },
  }));
  const [invalid, setInvalid] = useState<string | null>(null);
  const onSuccess = async (challenge: Challenge) => {
    await invalidate.challengesChanged();
    onDone(challenge);
  };
  const create = useMutation(trpc.challenges.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.challenges.update.mutationOptions({ onSuccess }));
  const saving = editing ? update : create;

  const save = () => {
    setInvalid(null);
    const parsed = zChallengeCreateInput.safeParse({
      title,
      rules,
      coverWorkId: coverWorkId.trim() || null,
      submitStartsAt: momentToIso(times.submitStartsAt),
      submitEndsAt: momentToIso(times.submitEndsAt),
      voteEndsAt: momentToIso(times.voteEndsAt),
      entriesPerUser: Number(perUser),
    });
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? 'title');
      setInvalid(t('review.challenge.invalid', { field: fieldName(field, t) }));
      return;
    }
    if (editing) update.mutate({ challengeId: editing.id, ...parsed.data });
    else create.mutate(parsed.data);
  };

  return (
    <View className="screen__card" id="challenge-form">
      <Text className="screen__heading">{t(editing ? 'review.challenge.edit' : 'review.challenge.new')}</Text>
      <Text className="screen__label">{t('review.challenge.theme')}</Text>
      <Input id="challenge-title-input" className="cm__field" value={title} onInput={(e) => setTitle(e.detail.value)} />
      <Text className="screen__label">{t('review.challenge.rules')}</Text>
      <Textarea
        id="challenge-rules-input"
        className="cm__field"
        value={rules}
        maxlength={-1}
        onInput={(e) => setRules(e.detail.value)}
      />
      <Text className="screen__label">{t('review.challenge.cover')}</Text>
      <Input
        id="challenge-cover-input"
        className="cm__field"
        value={coverWorkId}
        placeholder={t('review.challenge.coverPlaceholder')}
        onInput={(e) => setCover(e.detail.value)}
      />
      <MyWorkPicker
        id="challenge-cover-pick"
        selected={coverWorkId || null}
        emptyKey="review.challenge.noWorks"
        onPick={(work) => setCover(work.id)}
      />
      {TIMES.map((field) => (
        <View key={field} className="screen__row">
          <Text className="screen__label">{t(`review.challenge.${field}`)}</Text>
          <DateField
            id={`challenge-${field}-day`}
            value={times[field].day}
            placeholder={t('review.challenge.pickDay')}
            onChange={(day) => setTimes((all) => ({ ...all, [field]: { ...all[field], day } }))}
          />
          <Picker
            id={`challenge-${field}-time`}
            mode="time"
            value={times[field].time}
            onChange={(e) => {
              const time = String(e.detail.value);
              setTimes((all) => ({ ...all, [field]: { ...all[field], time } }));
            }}
          >
            <Text className="cm__field">{times[field].time}</Text>
          </Picker>
        </View>
      ))}
      <Text className="screen__label">{t('review.challenge.perUser', { max: CHALLENGE_ENTRIES_PER_USER_MAX })}</Text>
      <Input
        id="challenge-per-user-input"
        className="cm__field"
        type="number"
        value={perUser}
        onInput={(e) => setPerUser(e.detail.value)}
      />
      {(invalid || saving.error) && (
        <Text className="screen__error" id="challenge-form-error">
          {invalid ?? errorMessage(saving.error, t)}
        </Text>
      )}
      <View className="screen__actions">
        <ActionButton
          id="challenge-save"
          className="screen__button screen__button--primary"
          busy={saving.isPending}
          onClick={save}
        >
          {t('common.save')}
        </ActionButton>
        <ActionButton id="challenge-cancel" className="screen__button" onClick={onCancel}>
          {t('common.cancel')}
        </ActionButton>
      </View>
    </View>
  );
}

function fieldName(field: string, t: ReturnType<typeof useT>): string {
  switch (field) {
    case 'submitStartsAt':
    case 'submitEndsAt':
    case 'voteEndsAt':
      return t(`review.challenge.${field}`);
    case 'entriesPerUser':
      return t('review.challenge.perUserShort');
    case 'coverWorkId':
      return t('review.challenge.cover');
    case 'rules':
      return t('review.challenge.rules');
    default:
      return t('review.challenge.theme');
  }
}
