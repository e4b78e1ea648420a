import { describe, expect, it } from 'vitest';
import { zBindStorageInput } from './storage.js';
import { COMMENT_MAX_CHARS, zCommentText } from './together.js';
import { zCreateUploadsInput } from './uploads.js';

const goodBinding = {
  accessKey: 'A'.repeat(40),
  secretKey: 'b'.repeat(40),
  bucket: 'family-photos',
  domain: 'https://img.example.com/',
  region: 'z0',
};

describe('zBindStorageInput', () => {
  it('accepts a well-formed binding and normalises the domain', () => {
    expect(zBindStorageInput.parse(goodBinding).domain).toBe('https://img.example.com');
    expect(zBindStorageInput.parse({ ...goodBinding, domain: 'http://CDN.Example.com:8080' }).domain).toBe(
      'http://cdn.example.com:8080',
    );
  });

  it.each([
    ['domain with a path', { domain: 'https://img.example.com/photos' }],
    ['domain without scheme', { domain: 'img.example.com' }],
    ['javascript: domain', { domain: 'javascript:alert(1)' }],
    ['domain with credentials', { domain: 'https://user:pw@img.example.com' }],
    ['short access key', { accessKey: 'abc' }],
    ['bucket with capitals', { bucket: 'Family' }],
    ['unknown region', { region: 'mars-1' }],
  ])('refuses %s', (_label, patch) => {
    expect(zBindStorageInput.safeParse({ ...goodBinding, ...patch }).success).toBe(false);
  });
});

describe('zCreateUploadsInput', () => {
  it('bounds the batch and refuses unsupported types and empty files', () => {
    const file = { filename: 'a.jpg', size: 10, mime: 'image/jpeg' };
    expect(zCreateUploadsInput.safeParse({ files: [file] }).success).toBe(true);
    expect(zCreateUploadsInput.safeParse({ files: [] }).success).toBe(false);
    expect(zCreateUploadsInput.safeParse({ files: Array(51).fill(file) }).success).toBe(false);
    expect(zCreateUploadsInput.safeParse({ files: [{ ...file, mime: 'application/x-msdownload' }] }).success).toBe(
      false,
    );
    expect(zCreateUploadsInput.safeParse({ files: [{ ...file, size: 0 }] }).success).toBe(false);
  });
});

describe('zCommentText', () => {
  it('keeps words and newlines, shrinks blank runs, and refuses empty, oversize and control text', () => {
    expect(zCommentText.parse('  好可爱\n\n\n\n宝宝  ')).toBe('好可爱\n\n宝宝');
    expect(zCommentText.safeParse('   ').success).toBe(false);
    expect(zCommentText.safeParse('字'.repeat(COMMENT_MAX_CHARS)).success).toBe(true);
    expect(zCommentText.safeParse('字'.repeat(COMMENT_MAX_CHARS + 1)).success).toBe(false);
    for (const bad of ['a\u0000b', 'a\u0007b', 'a\rb', 'a\u007fb', 'abc\u202edcba', 'x\u2066y']) {
      expect(zCommentText.safeParse(bad).success).toBe(false);
    }
  });
});
