import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { id } from '../../../test/support/ids';
import { element, renderWithApi, textOf } from '../../../test/support/screen';
import { BABA, comment, type FakeSocial, fakeSocial, MAMA, NAINAI } from '../../../test/support/together';
import { setLocale } from '../../i18n';
import { SocialBar } from './SocialBar';

const H1 = id('h1');
const P1 = id('p1');

/** The line has loaded (the button acts only then). */
const loaded = () => waitFor(() => expect(element('#social-bar').className).not.toContain('social--loading'));

/** The bar on P1 as `me` sees it, the family's likes and comments set up first. */
function renderBar(me = NAINAI, isOwner = false, setup: (family: FakeSocial) => void = () => undefined) {
  const family = fakeSocial(me, isOwner);
  setup(family);
  let opened = 0;
  const api = renderWithApi(
    <SocialBar
      homeId={H1}
      photoId={P1}
      settleMs={0}
      onOpenComments={() => {
        opened += 1;
      }}
    />,
    family.answers,
  );
  return { family, ...api, opened: () => opened };
}

const likers = (...people: { id: string; displayName: string }[]) =>
  people.map((person) => ({ userId: person.id, displayName: person.displayName }));

describe("the viewer's like line", () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('names who liked the photo', async () => {
    renderBar(NAINAI, false, (family) => family.likes.set(P1, likers(BABA, MAMA)));
    await waitFor(() => expect(textOf('#social-likers')).toBe('爸爸、妈妈 赞了'));
    expect(textOf('#social-like')).toBe('♡ 赞 2');
  });

  it('says how many when there are more than it names, in English too', async () => {
    setLocale('en');
    const many = ['a', 'b', 'c', 'd', 'e'].map((n) => ({ id: id(`u${n}`), displayName: `亲友${n}` }));
    renderBar(NAINAI, false, (family) => family.likes.set(P1, likers(...many)));
    await waitFor(() => expect(textOf('#social-likers')).toBe('Liked by 亲友a, 亲友b, 亲友c and others (5)'));
    expect(textOf('#social-like')).toBe('♡ Like 5');
  });

  it.each([
    ['a viewer (亲友)', NAINAI, false],
    ['a member', BABA, false],
    ['the owner', MAMA, true],
  ] as const)('lets %s like and unlike, showing it at once', async (_role, me, isOwner) => {
    const { callsTo } = renderBar(me, isOwner);
    await loaded();
    expect(textOf('#social-like')).toBe('♡ 赞');
    fireEvent.click(element('#social-like'));
    await waitFor(() => expect(textOf('#social-like')).toBe('♥ 已赞 1'));
    expect(textOf('#social-likers')).toBe(`${me.displayName} 赞了`);
    fireEvent.click(element('#social-like'));
    await waitFor(() => expect(textOf('#social-like')).toBe('♡ 赞'));
    expect(textOf('#social-likers')).toBe('');
    expect(callsTo('likes.set')).toEqual([
      { homeId: H1, photoId: P1, liked: true },
      { homeId: H1, photoId: P1, liked: false },
    ]);
  });

  it('takes the like back and says why when the server refuses it', async () => {
    const { family } = renderBar(NAINAI, false, (f) => f.likes.set(P1, likers(BABA)));
    await waitFor(() => expect(textOf('#social-like')).toBe('♡ 赞 1'));
    family.failNext = 'NOT_FOUND';
    fireEvent.click(element('#social-like'));
    await waitFor(() => expect(textOf('#social-error')).toBe('没赞上：找不到了，可能已被删除'));
    expect(textOf('#social-like')).toBe('♡ 赞 1');
    expect(textOf('#social-likers')).toBe('爸爸 赞了');
  });

  it('shows the comment count, and opens the comments', async () => {
    const { opened } = renderBar(NAINAI, false, (family) => family.comments.push(comment('c1', MAMA, '好可爱')));
    await waitFor(() => expect(textOf('#social-comments')).toBe('评论 1'));
    fireEvent.click(element('#social-comments'));
    expect(opened()).toBe(1);
  });
});
