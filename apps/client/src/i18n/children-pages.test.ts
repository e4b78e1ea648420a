import { describe, expect, it } from 'vitest';
import { loadChildrenPagesMessages } from './children-pages';
import { MESSAGES, translate } from './index';

describe("the children's pages' messages", () => {
  it('are there once a page of theirs loads, and loading again changes nothing', () => {
    expect(MESSAGES.en['growth.add']).toBeUndefined();
    loadChildrenPagesMessages();
    loadChildrenPagesMessages();
    expect(translate('en', 'growth.add')).toBe('Add a record');
    expect(translate('zh-CN', 'children.title')).toBe('宝宝');
  });
});
