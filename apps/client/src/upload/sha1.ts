/**
 * SHA-1 in plain JavaScript, incremental, for the qetag (qetag.ts) where Web Crypto is missing: WeChat's
 * mini-program has no crypto.subtle and React Native (Hermes) none either. Written here rather than taken
 * from npm because no SHA-1 package is in the lockfile (@noble/hashes appears only as an optional peer, and
 * its ESM-only subpath exports are a poor fit for Metro 0.73); SHA-1 is small, fixed (FIPS 180-4) and
 * tested against Node's crypto on the same bytes (sha1.test.ts). Used only to name content, not to secure.
 */

const BLOCK = 64;

export class Sha1 {
  private readonly h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  private readonly w = new Uint32Array(80);
  private readonly buffer = new Uint8Array(BLOCK);
  private buffered = 0;
  /** Total bytes fed (a float: files beyond 2^32 bytes are fine up to 2^53). */
  private length = 0;
  private finished = false;

  update(data: Uint8Array): this {
    if (this.finished) throw new Error('sha1: update() after digest()');
    let offset = 0;
    this.length += data.length;
    if (this.buffered > 0) {
      const take = Math.min(BLOCK - this.buffered, data.length);
      this.buffer.set(data.subarray(0, take), this.buffered);
      this.buffered += take;
      offset = take;
      if (this.buffered < BLOCK) return this;
      this.compress(this.buffer, 0);
      this.buffered = 0;
    }
    for (; offset + BLOCK <= data.length; offset += BLOCK) this.compress(data, offset);
    if (offset < data.length) {
      this.buffer.set(data.subarray(offset), 0);
      this.buffered = data.length - offset;
    }
    return this;
  }

  digest(): Uint8Array {
    if (this.finished) throw new Error('sha1: digest() called twice');
    const bits = this.length * 8;
    // 0x80, zeros up to 56 mod 64, then the length in bits as a 64-bit big-endian number.
    const padLength = (this.buffered < 56 ? 56 : 120) - this.buffered;
    const tail = new Uint8Array(padLength + 8);
    tail[0] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(padLength, Math.floor(bits / 0x1_0000_0000));
    view.setUint32(padLength + 4, bits >>> 0);
    this.update(tail);
    this.finished = true;
    const out = new Uint8Array(20);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 5; i++) outView.setUint32(i * 4, this.h[i] as number);
    return out;
  }

  private compress(data: Uint8Array, at: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const j = at + i * 4;
      w[i] =
        ((data[j] as number) << 24) |
        ((data[j + 1] as number) << 16) |
        ((data[j + 2] as number) << 8) |
        (data[j + 3] as number);
    }
    for (let i = 16; i < 80; i++) {
      const x = (w[i - 3] as number) ^ (w[i - 8] as number) ^ (w[i - 14] as number) ^ (w[i - 16] as number);
      w[i] = (x << 1) | (x >>> 31);
    }
    const h = this.h;
    let a = h[0] as number;
    let b = h[1] as number;
    let c = h[2] as number;
    let d = h[3] as number;
    let e = h[4] as number;
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const t = (((a << 5) | (a >>> 27)) + f + e + k + (w[i] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    h[0] = (h[0] as number) + a;
    h[1] = (h[1] as number) + b;
    h[2] = (h[2] as number) + c;
    h[3] = (h[3] as number) + d;
    h[4] = (h[4] as number) + e;
  }
}

export function sha1(data: Uint8Array): Uint8Array {
  return new Sha1().update(data).digest();
}
