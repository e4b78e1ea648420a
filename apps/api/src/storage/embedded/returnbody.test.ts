import { describe, expect, it } from 'vitest';
import { magicLookup, renderReturnBody, type UploadFacts } from './returnbody.js';

const facts: UploadFacts = {
  bucket: 'bkt',
  key: 'a/"b".jpg',
  etag: 'Fhash',
  fsize: 123,
  mimeType: 'image/jpeg',
  fname: 'IMG 1.JPG',
  endUser: null,
  uuid: 'u-1',
  image: { width: 640, height: 480, format: 'jpeg' },
  vars: new Map([['x:album', '家\n人']]),
};

describe('renderReturnBody', () => {
  it('substitutes Kodo magic variables into valid JSON', () => {
    const template =
      '{"key":"$(key)","hash":"$(etag)","size":$(fsize),"w":$(imageInfo.width),"h":$(imageInfo.height),' +
      '"ext":"$(ext)","prefix":"$(fprefix)","album":"$(x:album)","user":"$(endUser)","u":$(endUser),"label":"k=$(key)"}';
    expect(JSON.parse(renderReturnBody(template, magicLookup(facts)))).toEqual({
      key: 'a/"b".jpg',
      hash: 'Fhash',
      size: 123,
      w: 640,
      h: 480,
      ext: '.JPG',
      prefix: 'IMG 1',
      album: '家\n人',
      user: '',
      u: null,
      label: 'k=a/"b".jpg',
    });
  });

  it('renders image variables as null for a file that is not an image', () => {
    const body = renderReturnBody(
      '{"w":$(imageInfo.width),"f":"$(imageInfo.format)"}',
      magicLookup({ ...facts, image: null }),
    );
    expect(JSON.parse(body)).toEqual({ w: null, f: '' });
  });
});
