/**
 * A QR code drawn as Views (H5 and RN; weapp shows WeChat's own mini-program code instead): each row is a
 * strip, each stretch of dark modules one View inside it, on a white quiet zone so phones read it in dark
 * mode too. Sizes are inline numbers: CSS pixels on H5, density-independent pixels on RN.
 */
import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { darkRuns, qrMatrix } from './matrix';
import './index.css';

/** Light modules around the code: the QR standard asks for four. */
const QUIET_MODULES = 4;

export interface QrCodeProps {
  text: string;
  /** About how wide the whole code is, quiet zone included. */
  size?: number;
  id?: string;
  label?: string;
}

export function QrCode({ text, size = 240, id = 'qr-code', label }: QrCodeProps) {
  const rows = useMemo(() => qrMatrix(text).map(darkRuns), [text]);
  const cell = Math.max(2, Math.floor(size / (rows.length + QUIET_MODULES * 2)));
  const side = cell * rows.length;
  return (
    <View
      id={id}
      className="qr"
      style={{ padding: cell * QUIET_MODULES }}
      aria-label={label}
      data-modules={rows.length}
    >
      <View className="qr__grid" style={{ width: side, height: side }}>
        {rows.map((runs, row) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row's place is its identity
          <View key={row} className="qr__row" style={{ height: cell }}>
            {runs.map((run) => (
              <View
                key={run.start}
                className="qr__dark"
                style={{ left: run.start * cell, width: run.length * cell, height: cell }}
              />
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
