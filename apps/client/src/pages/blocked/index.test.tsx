import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { person } from '../../../test/support/community';
import { element, pagedAnswer, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { BlockedScreen } from './BlockedScreen';

describe('the blocked users (黑名单)', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('lists them and unblocks one; says when there are none', async () => {
    let blocked = [{ ...person('u2', '阿明'), blockedAt: '2026-06-01T07:00:00.000Z' }];
    const screen = renderWithApi(<BlockedScreen now={new Date('2026-06-01T08:00:00.000Z')} />, {
      'blocks.list': pagedAnswer(() => blocked),
      'blocks.unblock': () => {
        blocked = [];
        return { unblocked: true };
      },
      'messages.conversations': pagedAnswer(() => []),
    });
    await waitFor(() => expect(textOf('#blocked-list')).toContain('阿明'));
    expect(textOf('#blocked-list')).toContain('1小时前拉黑');
    fireEvent.click(element(`#unblock-${blocked[0]?.userId}`));
    await waitFor(() => expect(textOf('#blocked-empty')).toBe('你还没有拉黑任何人。'));
    expect(screen.callsTo('blocks.unblock')).toHaveLength(1);
  });
});
