/**
 * The child a page is about (its route's `child`), from the home's cached children.list: the states before
 * there is one to show (loading, failure, a child that is gone or of another home) are said here once.
 */
import type { Child, Home } from '@xiaojia/shared';
import type { ReactNode } from 'react';
import { EmptyState, QueryState } from '../components/Screen';
import { HomeGate } from '../home/HomeGate';
import { useT } from '../i18n';
import { useChildren } from './use-children';

export function ChildGate({ childId, children }: { childId: string; children(child: Child, home: Home): ReactNode }) {
  return <HomeGate>{(home) => <HomeChild home={home} childId={childId} render={children} />}</HomeGate>;
}

function HomeChild({
  home,
  childId,
  render,
}: {
  home: Home;
  childId: string;
  render(child: Child, home: Home): ReactNode;
}) {
  const t = useT();
  const list = useChildren(home.id);
  if (!list.data) {
    return (
      <QueryState
        id="child-state"
        loadingKey="children.loading"
        failedKey="children.loadFailed"
        isPending={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  }
  const child = list.data.items.find((item) => item.id === childId);
  if (!child) return <EmptyState id="child-gone" text={t('errors.NOT_FOUND')} />;
  return <>{render(child, home)}</>;
}
