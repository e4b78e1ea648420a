/** Test images: photo-like JPEGs (smooth texture, not flat colour) and cheap per-upload variants. */
import sharp from 'sharp';

/** A photo-like JPEG: random noise scaled up smoothly, so it compresses like a real picture. */
export async function photoJpeg(width: number, height: number, quality = 90): Promise<Buffer> {
  const small = await sharp({
    create: {
      width: Math.ceil(width / 10),
      height: Math.ceil(height / 10),
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png()
    .toBuffer();
  return sharp(small).resize(width, height, { kernel: 'cubic' }).jpeg({ quality }).toBuffer();
}

/**
 * The same picture with a different comment segment (COM) right after the start marker: other bytes, so
 * another etag (the API refuses duplicates), at no cost. `tag` must be short ASCII.
 */
export function jpegVariant(jpeg: Buffer, tag: string): Buffer {
  const text = Buffer.from(tag, 'latin1');
  const segment = Buffer.alloc(4 + text.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(2 + text.length, 2);
  text.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}
