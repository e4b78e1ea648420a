/**
 * H5: the browser's own file input, instead of Taro's chooseImage. Taro's H5 chooseImage decodes every
 * picked photo and draws a 256 px thumbnail the app never uses before it answers (1 s for 9 photos of
 * 12 MP, BENCHMARKS.md 8i); the input answers with the Files at once, and the queue reads each when its
 * turn comes.
 */
import { ACCEPTED_VIDEO_MIME } from '@xiaojia/shared';
import type { TempFile } from './picker';

/** Photos of any type the browser offers (the queue refuses what the album does not take), and MP4 / QuickTime videos. */
export const BROWSER_ACCEPT = ['image/*', ...ACCEPTED_VIDEO_MIME].join(',');

export interface PickDocument {
  createElement(tag: 'input'): HTMLInputElement;
  body: { appendChild(node: Node): unknown; removeChild(node: Node): unknown };
}

/** Opens the file picker (or the camera, for a photo or a clip); resolves with the chosen files, none when the user backs out. */
export function pickInBrowser(source: 'album' | 'camera', doc: PickDocument = document): Promise<TempFile[]> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = BROWSER_ACCEPT;
    if (source === 'camera') input.setAttribute('capture', 'environment');
    else input.multiple = true;
    input.style.display = 'none';
    const done = (files: TempFile[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () =>
      done(
        Array.from(input.files ?? [], (file) => ({
          path: URL.createObjectURL(file),
          size: file.size,
          type: file.type,
          originalFileObj: file,
        })),
      ),
    );
    // Chrome and Safari fire `cancel` when the picker closes with nothing chosen.
    input.addEventListener('cancel', () => done([]));
    // In the document, so every browser (and a test driver) treats it as the page's own file input.
    doc.body.appendChild(input);
    input.click();
  });
}
