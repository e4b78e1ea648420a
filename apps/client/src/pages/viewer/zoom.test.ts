import { describe, expect, it } from 'vitest';
import {
  atHorizontalEdge,
  clampPan,
  DOUBLE_TAP_SCALE,
  fitSize,
  IDENTITY,
  isZoomed,
  MAX_SCALE,
  panBy,
  toggleZoom,
  zoomAbout,
} from './zoom';

const stage = { width: 400, height: 800 };
// A landscape photo fitted into a portrait stage: full width, 300 px high, centred (250 px above and below).
const fitted = fitSize({ width: 1600, height: 1200 }, stage);

/** Where the unzoomed stage point p is drawn under `view`. */
const drawn = (view: typeof IDENTITY, p: { x: number; y: number }) => ({
  x: view.x + view.scale * p.x,
  y: view.y + view.scale * p.y,
});

describe('fitting the photo into the stage', () => {
  it('keeps the photo shape inside the stage, and fills the stage when the size is unknown', () => {
    expect(fitted).toEqual({ width: 400, height: 300 });
    expect(fitSize({ width: 900, height: 1800 }, stage)).toEqual({ width: 400, height: 800 });
    expect(fitSize(null, stage)).toEqual(stage);
    expect(fitSize({ width: null, height: 10 }, stage)).toEqual(stage);
  });
});

describe('zooming about a point', () => {
  it('keeps the photo point under the fingers where it was', () => {
    const at = { x: 100, y: 400 };
    const view = zoomAbout(IDENTITY, 2, at, fitted, stage);
    expect(view.scale).toBe(2);
    expect(drawn(view, at)).toEqual(at);
  });

  it('stays between not zoomed and the largest zoom', () => {
    expect(zoomAbout(IDENTITY, 0.3, { x: 10, y: 10 }, fitted, stage)).toEqual({ scale: 1, x: 0, y: 0 });
    expect(zoomAbout(IDENTITY, 40, { x: 200, y: 400 }, fitted, stage).scale).toBe(MAX_SCALE);
  });

  it('double tap zooms in at the tapped point, and a second one back out', () => {
    const at = { x: 300, y: 400 };
    const zoomed = toggleZoom(IDENTITY, at, fitted, stage);
    expect(zoomed.scale).toBe(DOUBLE_TAP_SCALE);
    expect(drawn(zoomed, at).x).toBeCloseTo(at.x);
    expect(isZoomed(zoomed)).toBe(true);
    expect(toggleZoom(zoomed, at, fitted, stage)).toEqual(IDENTITY);
  });

  it('moves the view in so that no empty stage shows beside the zoomed photo', () => {
    // Zooming at the very corner would show the black above the photo: it is pulled back into place.
    const view = zoomAbout(IDENTITY, 2, { x: 0, y: 250 }, fitted, stage);
    expect(drawn(view, { x: 0, y: 0 }).x).toBe(0);
    // 600 px of photo height in an 800 px stage: centred vertically.
    expect(drawn(view, { x: 0, y: 250 }).y).toBe(100);
    expect(drawn(view, { x: 0, y: 550 }).y).toBe(700);
  });
});

describe('panning a zoomed photo', () => {
  const zoomed = zoomAbout(IDENTITY, 2, { x: 200, y: 400 }, fitted, stage);

  it('follows the finger until an edge of the photo reaches the edge of the stage', () => {
    expect(panBy(zoomed, 50, 0, fitted, stage).x).toBe(zoomed.x + 50);
    const far = panBy(zoomed, 5000, 0, fitted, stage);
    expect(drawn(far, { x: 0, y: 0 }).x).toBe(0);
    expect(clampPan(far, fitted, stage)).toEqual(far);
  });

  it('lets a horizontal drag swipe to the neighbour only once the photo is at that edge', () => {
    expect(atHorizontalEdge(zoomed, 30, fitted, stage)).toBe(false);
    const leftEdge = panBy(zoomed, 5000, 0, fitted, stage);
    expect(atHorizontalEdge(leftEdge, 30, fitted, stage)).toBe(true);
    expect(atHorizontalEdge(leftEdge, -30, fitted, stage)).toBe(false);
    expect(atHorizontalEdge(IDENTITY, -30, fitted, stage)).toBe(true);
  });
});
