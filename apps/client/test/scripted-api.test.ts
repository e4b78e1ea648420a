import { describe, expect, it } from 'vitest';
import { id } from './support/ids';
import { asTheApiAnswers } from './support/screen';

describe('the scripted server of screen tests', () => {
  const album = {
    id: id('a1'),
    name: '满月',
    photoCount: 0,
    coverPhotoId: null,
    coverThumbUrl: null,
    coverChosen: false,
    createdAt: '2026-05-01T08:00:00.000Z',
    updatedAt: '2026-05-01T08:00:00.000Z',
  };

  it('answers as the API would: its output schema applied, unknown fields dropped', () => {
    expect(asTheApiAnswers('albums.get', { ...album, secret: 'x' })).toEqual(album);
  });

  it('refuses an answer the API could never give, and a procedure it does not have', () => {
    expect(() => asTheApiAnswers('albums.get', { ...album, id: 'a1' })).toThrow(/albums.get .*could never give/);
    expect(() => asTheApiAnswers('albums.get', { ...album, coverChosen: undefined })).toThrow(/coverChosen/);
    expect(() => asTheApiAnswers('albums.nope', album)).toThrow(/no procedure albums.nope/);
  });
});
