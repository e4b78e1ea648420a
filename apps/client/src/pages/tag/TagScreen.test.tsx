import { cleanup, waitFor } from '@testing-library/react';
import type { WorkCard } from '@xiaojia/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { workCard } from '../../../test/support/community';
import { id } from '../../../test/support/ids';
import { element, pagedAnswer, renderWithApi, textOf } from '../../../test/support/screen';
import { TagScreen } from './TagScreen';

afterEach(cleanup);

describe('TagScreen', () => {
  it('asks for the normalized tag and shows its works', async () => {
    const { callsTo } = renderWithApi(<TagScreen tag="#Autumn" onOpenWork={() => undefined} />, {
      'feeds.tag': pagedAnswer(() => [workCard('t1')]),
    });
    await waitFor(() => element(`#work-card-${id('t1')}`));
    expect(textOf('#tag-title')).toBe('#autumn');
    expect(callsTo('feeds.tag')).toMatchObject([{ tag: 'autumn', limit: 20 }]);
  });

  it('says when the tag has no works', async () => {
    renderWithApi(<TagScreen tag="empty" onOpenWork={() => undefined} />, {
      'feeds.tag': pagedAnswer((): WorkCard[] => []),
    });
    await waitFor(() => expect(textOf('#tag-feed-empty')).toBe('这个标签下还没有作品。'));
  });
});
