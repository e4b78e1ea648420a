/**
 * The date scrubber at the right edge (as in Google Photos and Immich): years marked along a track that
 * stands for the whole library; dragging the thumb shows the month under it and scrolls there at once,
 * whatever has been loaded, because every month already has its place (months.ts).
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PageViewport } from '../../components/PhotoGrid';
import { measureElement, usePageScrollTop } from '../../components/PhotoGrid/page-scroll';
import { fractionAt, gridYAt, monthAt, yearMarks } from './scrubber';
import { SCRUBBER_CLASS, useScrubberPlacement } from './scrubber-placement';

export interface ScrubberProps {
  months: readonly string[];
  tops: readonly number[];
  height: number;
  viewport: PageViewport;
  /** "2016年3月" for "2016-03". */
  label(month: string): string;
}

/** The scrubber is worth its place on a timeline this many screens long. */
export const SCRUBBER_MIN_SCREENS = 4;

type TouchLike = { touches?: ArrayLike<{ clientY?: number; pageY?: number }> };

function touchY(event: unknown): number | null {
  const touch = (event as TouchLike).touches?.[0];
  const y = touch?.clientY ?? touch?.pageY;
  return typeof y === 'number' ? y : null;
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

export function Scrubber({ months, tops, height, viewport, label }: ScrubberProps) {
  const screen = viewport.viewportHeight;
  const [fraction, setFraction] = useState(0);
  const [dragging, setDragging] = useState<number | null>(null);
  const draggingRef = useRef(false);
  const track = useRef({ top: 0, height: screen });
  const placement = useScrubberPlacement(screen);

  useEffect(() => {
    // Without a measurement the track is taken as the whole viewport.
    void measureElement('timeline-scrubber').then((box) => {
      if (box?.height) track.current = { top: box.screenTop, height: box.height };
    });
  }, []);

  usePageScrollTop((scrollTop) => {
    if (draggingRef.current) return;
    const next = fractionAt(scrollTop - viewport.gridTop(), height, screen);
    setFraction((current) => (Math.abs(current - next) > 0.002 ? next : current));
  });

  const move = (event: unknown) => {
    const y = touchY(event);
    if (y === null) return;
    const next = Math.min(1, Math.max(0, (y - track.current.top) / track.current.height));
    draggingRef.current = true;
    setDragging(next);
    viewport.scrollToGrid(gridYAt(next, height, screen));
  };
  const end = () => {
    draggingRef.current = false;
    setFraction((current) => dragging ?? current);
    setDragging(null);
  };

  const marks = useMemo(() => yearMarks(months, tops, height, screen), [months, tops, height, screen]);
  const at = dragging ?? fraction;
  const month = monthAt(months, tops, gridYAt(at, height, screen));
  return (
    <View
      id="timeline-scrubber"
      className={`scrubber ${SCRUBBER_CLASS}`}
      style={placement}
      catchMove
      onTouchStart={move}
      onTouchMove={move}
      onTouchEnd={end}
      onTouchCancel={end}
    >
      {marks.map((mark) => (
        <Text key={mark.year} className="scrubber__year" style={{ top: percent(mark.at) }}>
          {mark.year}
        </Text>
      ))}
      <View
        className={`scrubber__thumb${dragging !== null ? ' scrubber__thumb--active' : ''}`}
        style={{ top: percent(at) }}
      />
      {dragging !== null && month && (
        <View id="scrubber-label" className="scrubber__label" style={{ top: percent(at) }}>
          <Text className="scrubber__label-text">{label(month)}</Text>
        </View>
      )}
    </View>
  );
}
