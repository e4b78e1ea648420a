import { describe, expect, it } from 'vitest';
import { inviteLinkFor, joinPagePath, serverOrigin } from './link';

const CODE = 'AbCdEfGhIjKlMnOpQrStUv';

describe('serverOrigin', () => {
  it('takes the configured API address, without its path or trailing slash', () => {
    expect(serverOrigin('weapp', 'https://photos.example.com/')).toBe('https://photos.example.com');
    expect(serverOrigin('rn', ' http://10.0.0.2:3000 ')).toBe('http://10.0.0.2:3000');
    expect(serverOrigin('h5', 'https://api.example.com/base', 'https://other.example.com')).toBe(
      'https://api.example.com',
    );
  });

  it("falls back to the page's origin on H5 only", () => {
    expect(serverOrigin('h5', undefined, 'https://photos.example.com')).toBe('https://photos.example.com');
    expect(serverOrigin('h5', '', 'file://')).toBeNull();
    expect(serverOrigin('weapp', undefined, 'https://x.example')).toBeNull();
    expect(serverOrigin('rn', 'not a url')).toBeNull();
  });
});

describe('invite addresses', () => {
  it('links to the H5 join page with the code', () => {
    expect(inviteLinkFor('https://photos.example.com', CODE)).toBe(
      `https://photos.example.com/pages/join/index?code=${CODE}`,
    );
    expect(inviteLinkFor(null, CODE)).toBeNull();
  });

  it('opens the join page in the mini-program from a share card', () => {
    expect(joinPagePath(CODE)).toBe(`/pages/join/index?code=${CODE}`);
  });
});
