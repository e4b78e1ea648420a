/**
 * The viewer's "标记里程碑" sheet: which child (the first when there is one), a preset (translated) or a
 * custom title, dated the photo's own local day (the day header it sits under). Title checked with the
 * shared schema; the server's refusal shows in the sheet.
 */
import { useMutation } from '@tanstack/react-query';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type MilestoneKind, type Photo, zMilestoneTitle } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { useChildren } from '../../children/use-children';
import { ActionButton } from '../../components/ActionButton';
import { localDayKey } from '../../components/PhotoGrid';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { milestoneTitle, PRESET_KINDS } from '../../lib/milestones';

export interface MilestoneSheetProps {
  homeId: string;
  photo: Pick<Photo, 'id' | 'sortAt'>;
  onClose(): void;
}

export function MilestoneSheet({ homeId, photo, onClose }: MilestoneSheetProps) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const children = useChildren(homeId);
  const items = children.data?.items ?? [];
  const [childId, setChildId] = useState<string | null>(null);
  const chosenChild = childId ?? items[0]?.id ?? null;
  const [kind, setKind] = useState<MilestoneKind | null>(null);
  const [custom, setCustom] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const create = useMutation(
    trpc.milestones.create.mutationOptions({
      onSuccess: (milestone) => {
        void Taro.showToast({
          title: t('milestones.marked', { title: milestoneTitle(milestone, t) }),
          icon: 'success',
        });
        void invalidate.milestonesChanged();
        onClose();
      },
    }),
  );

  const save = () => {
    if (!chosenChild || !kind) return;
    let title: string | null = null;
    if (kind === 'custom') {
      const parsed = zMilestoneTitle.safeParse(custom);
      if (!parsed.success) {
        setInvalid(custom.trim() === '' ? t('milestones.sheet.customPlaceholder') : t('milestones.sheet.titleTooLong'));
        return;
      }
      title = parsed.data;
    }
    create.mutate({ homeId, childId: chosenChild, kind, title, date: localDayKey(photo.sortAt), photoId: photo.id });
  };
  const shown = invalid ?? (create.error ? errorMessage(create.error, t) : null);

  return (
    <View id="milestone-sheet" className="viewer__picker">
      <Text className="viewer__picker-title">{t('milestones.sheet.title')}</Text>
      {children.isPending && <Text className="viewer__picker-empty">{t('common.loading')}</Text>}
      {children.isSuccess && items.length === 0 && (
        <Text id="milestone-no-children" className="viewer__picker-empty">
          {t('milestones.sheet.noChildren')}
        </Text>
      )}
      {items.length > 1 && (
        <View className="milestone-sheet__chips">
          {items.map((child) => (
            <View
              key={child.id}
              id={`milestone-child-${child.id}`}
              className={`milestone-sheet__chip${chosenChild === child.id ? ' milestone-sheet__chip--on' : ''}`}
              onClick={() => setChildId(child.id)}
            >
              <Text
                className={`milestone-sheet__chip-text${chosenChild === child.id ? ' milestone-sheet__chip-text--on' : ''}`}
              >
                {child.name}
              </Text>
            </View>
          ))}
        </View>
      )}
      {items.length > 0 && (
        <View className="milestone-sheet__chips">
          {[...PRESET_KINDS, 'custom' as const].map((preset) => (
            <View
              key={preset}
              id={`milestone-kind-${preset}`}
              className={`milestone-sheet__chip${kind === preset ? ' milestone-sheet__chip--on' : ''}`}
              onClick={() => {
                setInvalid(null);
                setKind(preset);
              }}
            >
              <Text className={`milestone-sheet__chip-text${kind === preset ? ' milestone-sheet__chip-text--on' : ''}`}>
                {t(`milestone.${preset}`)}
              </Text>
            </View>
          ))}
        </View>
      )}
      {kind === 'custom' && (
        <Input
          id="milestone-custom"
          className="milestone-sheet__input"
          value={custom}
          placeholder={t('milestones.sheet.customPlaceholder')}
          maxlength={60}
          onInput={(event) => {
            setInvalid(null);
            setCustom(event.detail.value);
          }}
        />
      )}
      {shown && (
        <Text id="milestone-error" className="milestone-sheet__error">
          {shown}
        </Text>
      )}
      {items.length > 0 && (
        <ActionButton
          id="milestone-save"
          className="screen__button screen__button--primary screen__button--block"
          disabled={!kind}
          busy={create.isPending}
          onClick={save}
        >
          {t('milestones.sheet.save')}
        </ActionButton>
      )}
      <Button className="viewer__picker-cancel" size="mini" onClick={onClose}>
        {t('common.cancel')}
      </Button>
    </View>
  );
}
