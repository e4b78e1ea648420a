import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { QrCode } from './index';
import { darkRuns, qrMatrix } from './matrix';

const LINK = 'https://photos.example.com/pages/join/index?code=AbCdEfGhIjKlMnOpQrStUv';

describe('QrCode', () => {
  afterEach(cleanup);

  it('draws one strip per row and one block per dark run, sized to whole modules', () => {
    render(<QrCode text={LINK} size={270} />);
    const matrix = qrMatrix(LINK);
    const code = document.querySelector<HTMLElement>('#qr-code');
    expect(code?.getAttribute('data-modules')).toBe(String(matrix.length));
    expect(document.querySelectorAll('.qr__row')).toHaveLength(matrix.length);
    const runs = matrix.flatMap(darkRuns);
    const blocks = document.querySelectorAll<HTMLElement>('.qr__dark');
    expect(blocks).toHaveLength(runs.length);
    // 270 / (modules + 8 quiet) rounded down to whole pixels.
    const cell = Math.floor(270 / (matrix.length + 8));
    expect(blocks[0]?.style.width).toBe(`${(runs[0]?.length ?? 0) * cell}px`);
    expect(code?.style.padding).toBe(`${cell * 4}px`);
  });
});
