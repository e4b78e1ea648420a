/**
 * The home's children: each with the avatar, the birthday (or due date) and today's age, and the way to
 * their milestones and growth. Members and the owner add, edit and delete (deleting takes the child's
 * milestones and growth records, never a photo); viewers see it read-only. The avatar is chosen from the
 * home's photos in the timeline's windowed grid, which takes the page while choosing.
 */
import { useMutation } from '@tanstack/react-query';
import { Image, Text, View } from '@tarojs/components';
import { type Child, childAge, type Home } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { canEditChildren, useChildren } from '../../children/use-children';
import { ActionButton } from '../../components/ActionButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { localDayKey, PhotoGrid } from '../../components/PhotoGrid';
import { EmptyState, Notice, QueryState } from '../../components/Screen';
import { LoadMore, usePhotoList } from '../../components/Screen/photos';
import { HomeGate } from '../../home/HomeGate';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { formatAge } from '../../lib/child-age';
import { type ChildDraft, ChildForm, draftOf } from './ChildForm';
import './index.css';
import { loadChildrenPagesMessages } from '../../i18n/children-pages';

loadChildrenPagesMessages();

export interface ChildrenScreenProps {
  onOpenMilestones(child: Child): void;
  onOpenGrowth(child: Child): void;
  /** "Today" for the ages (tests pin it). */
  now?: Date;
  reachedBottom?: number;
}

export function ChildrenScreen(props: ChildrenScreenProps) {
  return <HomeGate>{(home) => <HomeChildren {...props} home={home} />}</HomeGate>;
}

type Form = { child: Child | null; draft: ChildDraft; picking: boolean } | null;

function HomeChildren({
  home,
  onOpenMilestones,
  onOpenGrowth,
  now,
  reachedBottom = 0,
}: ChildrenScreenProps & { home: Home }) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const homeId = home.id;
  const mayEdit = canEditChildren(home.role);
  const [today] = useState(() => localDayKey((now ?? new Date()).toISOString()));
  const children = useChildren(homeId);
  const [form, setForm] = useState<Form>(null);
  const [deleting, setDeleting] = useState<Child | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const photos = usePhotoList({ homeId }, form?.picking === true);

  const saved = (child: Child) => {
    setForm(null);
    setNotice(t('children.saved', { name: child.name }));
    void invalidate.childrenChanged();
  };
  const create = useMutation(trpc.children.create.mutationOptions({ onSuccess: saved }));
  const update = useMutation(trpc.children.update.mutationOptions({ onSuccess: saved }));
  const remove = useMutation(
    trpc.children.delete.mutationOptions({
      onSuccess: () => {
        setNotice(t('children.deleted', { name: deleting?.name ?? '' }));
        setDeleting(null);
        void invalidate.childrenChanged();
      },
    }),
  );
  const saving = create.isPending || update.isPending;
  const open = (child: Child | null) => {
    create.reset();
    update.reset();
    setNotice(null);
    setForm({ child, draft: draftOf(child), picking: false });
  };

  if (form?.picking) {
    return (
      <View className="screen" id="avatar-picker">
        <View className="screen__card">
          <Text className="screen__heading">{t('children.avatar.title')}</Text>
          <ActionButton
            id="avatar-cancel"
            className="screen__button"
            onClick={() => setForm({ ...form, picking: false })}
          >
            {t('common.cancel')}
          </ActionButton>
        </View>
        {photos.photos.length > 0 ? (
          <PhotoGrid
            id="avatar-grid"
            photos={photos.photos}
            onThumbError={photos.onThumbError}
            onOpen={(photo) =>
              setForm({
                ...form,
                picking: false,
                draft: { ...form.draft, avatarPhotoId: photo.id, avatarUrl: photo.thumbUrl },
              })
            }
          />
        ) : photos.query.isSuccess ? (
          <EmptyState id="avatar-empty" text={t('children.avatar.none')} />
        ) : (
          <QueryState
            loadingKey="children.loading"
            failedKey="children.loadFailed"
            isPending={photos.query.isPending}
            error={photos.query.error}
            onRetry={() => void photos.query.refetch()}
          />
        )}
        <LoadMore
          hasMore={photos.query.hasNextPage}
          loading={photos.query.isFetchingNextPage}
          reachedBottom={reachedBottom}
          onLoadMore={photos.loadMore}
        />
      </View>
    );
  }

  const items = children.data?.items;
  return (
    <View className="screen" id="children-page">
      <Notice id="children-notice" text={notice} />
      {!mayEdit && (
        <Text id="children-read-only" className="screen__hint children__read-only">
          {t('children.readOnly')}
        </Text>
      )}
      {items ? (
        items.length === 0 ? (
          <EmptyState id="children-empty" text={mayEdit ? t('children.empty') : t('children.empty.viewer')} />
        ) : (
          items.map((child) => {
            const age = childAge(child.birthday, today);
            const born = child.birthday <= today;
            return (
              <View key={child.id} id={`child-${child.id}`} className="screen__card children__card">
                <View className="children__who">
                  {child.avatarUrl ? (
                    <Image className="children__avatar" src={child.avatarUrl} mode="aspectFill" />
                  ) : (
                    <View className="children__avatar children__avatar--initial">
                      <Text className="children__initial">{child.name.slice(0, 1)}</Text>
                    </View>
                  )}
                  <View className="children__facts">
                    <Text className="children__name">{child.name}</Text>
                    <Text className="screen__hint">
                      {born
                        ? t('children.birthday', { date: child.birthday })
                        : t('children.dueDate', { date: child.birthday })}
                      {child.sex ? ` · ${t(`children.sex.${child.sex}`)}` : ''}
                    </Text>
                    {age && (
                      <Text id={`child-age-${child.id}`} className="children__age">
                        {t('children.today', { age: formatAge(age, t) })}
                      </Text>
                    )}
                  </View>
                </View>
                <View className="screen__actions">
                  <ActionButton
                    id={`child-milestones-${child.id}`}
                    className="screen__button"
                    onClick={() => onOpenMilestones(child)}
                  >
                    {t('children.milestones')}
                  </ActionButton>
                  <ActionButton
                    id={`child-growth-${child.id}`}
                    className="screen__button"
                    onClick={() => onOpenGrowth(child)}
                  >
                    {t('children.growth')}
                  </ActionButton>
                  {mayEdit && (
                    <ActionButton id={`child-edit-${child.id}`} className="screen__button" onClick={() => open(child)}>
                      {t('children.edit')}
                    </ActionButton>
                  )}
                  {mayEdit && (
                    <ActionButton
                      id={`child-delete-${child.id}`}
                      className="screen__button screen__button--danger"
                      onClick={() => {
                        remove.reset();
                        setNotice(null);
                        setDeleting(child);
                      }}
                    >
                      {t('children.delete')}
                    </ActionButton>
                  )}
                </View>
              </View>
            );
          })
        )
      ) : (
        <QueryState
          id="children-state"
          loadingKey="children.loading"
          failedKey="children.loadFailed"
          isPending={children.isPending}
          error={children.error}
          onRetry={() => void children.refetch()}
        />
      )}
      {mayEdit && items && (
        <ActionButton
          id="child-add"
          className="screen__button screen__button--primary screen__button--block"
          onClick={() => open(null)}
        >
          {t('children.add')}
        </ActionButton>
      )}

      {form && (
        <ChildForm
          editing={form.child !== null}
          draft={form.draft}
          today={today}
          busy={saving}
          error={create.error ?? update.error}
          onChange={(draft) => setForm({ ...form, draft })}
          onPickAvatar={() => setForm({ ...form, picking: true })}
          onSave={(valid) =>
            form.child
              ? update.mutate({ homeId, childId: form.child.id, ...valid })
              : create.mutate({ homeId, ...valid })
          }
          onCancel={() => setForm(null)}
        />
      )}
      <ConfirmDialog
        id="child-delete-dialog"
        open={deleting !== null}
        title={t('children.delete.title', { name: deleting?.name ?? '' })}
        body={
          remove.error
            ? t('children.failed', { message: errorMessage(remove.error, t) })
            : t('children.delete.body', { name: deleting?.name ?? '' })
        }
        confirmLabel={t('children.delete')}
        cancelLabel={t('common.cancel')}
        danger
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ homeId, childId: deleting.id })}
        onCancel={() => setDeleting(null)}
      />
    </View>
  );
}
