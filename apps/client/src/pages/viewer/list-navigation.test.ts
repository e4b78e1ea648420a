import { describe, expect, it } from 'vitest';
import { id } from '../../../test/support/ids';
import { LIST_IDS_MAX, listNeighbours, listQuery, parseListQuery } from './navigation';

describe('a list handed to the viewer', () => {
  const ids = [id('a'), id('b'), id('c')];

  it('swipes within the list and stops at its ends', () => {
    expect(listNeighbours(ids, id('b'))).toEqual({ prevId: id('a'), nextId: id('c') });
    expect(listNeighbours(ids, id('a'))).toEqual({ prevId: null, nextId: id('b') });
    expect(listNeighbours(ids, id('c'))).toEqual({ prevId: id('b'), nextId: null });
    expect(listNeighbours(ids, id('x'))).toEqual({ prevId: null, nextId: null });
  });

  it('passes over the photos gone from the list, the one shown still placed', () => {
    const five = [id('a'), id('b'), id('c'), id('d'), id('e')];
    expect(listNeighbours(five, id('c'), [id('b'), id('d')])).toEqual({ prevId: id('a'), nextId: id('e') });
    expect(listNeighbours(five, id('b'), [id('b')])).toEqual({ prevId: id('a'), nextId: id('c') });
    expect(listNeighbours(five, id('a'), [id('b'), id('c'), id('d'), id('e')])).toEqual({ prevId: null, nextId: null });
  });

  it('travels in the route and back, bounded, dropping what is no id', () => {
    expect(listQuery(undefined)).toEqual({});
    expect(listQuery([])).toEqual({});
    expect(parseListQuery(listQuery(ids).ids)).toEqual(ids);
    expect(parseListQuery(encodeURIComponent(ids.join(',')))).toEqual(ids);
    expect(parseListQuery(undefined)).toBeUndefined();
    expect(parseListQuery('<script>,x')).toBeUndefined();
    const many = Array.from({ length: 40 }, (_, i) => id(`p${i}`));
    expect(listQuery(many).ids?.split(',')).toHaveLength(LIST_IDS_MAX);
    expect(parseListQuery(many.join(','))).toHaveLength(LIST_IDS_MAX);
  });
});
