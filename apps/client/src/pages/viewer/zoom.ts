/**
 * Zoom and pan of the shown photo, as pure math the H5 and RN stages share (the weapp uses WeChat's own
 * movable-view). The photo is drawn fitted inside the stage (aspectFit), then moved and scaled by
 * `View`: a screen point p of the unzoomed stage is drawn at (x + scale * p.x, y + scale * p.y).
 */

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A photo's pixel size as photos.get and the grid know it (null: not read at upload). */
export interface PhotoSize {
  width?: number | null;
  height?: number | null;
}

/** How the photo is moved and scaled over its fitted place; IDENTITY is not zoomed. */
export interface View {
  scale: number;
  x: number;
  y: number;
}

export const IDENTITY: View = { scale: 1, x: 0, y: 0 };
export const MAX_SCALE = 4;
/** A double tap zooms this far in at the tapped point (and a second one back out). */
export const DOUBLE_TAP_SCALE = 2.5;

export function isZoomed(view: View): boolean {
  return view.scale > 1.01;
}

/** The photo's drawn size inside the stage (aspectFit); the whole stage when its size is unknown. */
export function fitSize(photo: PhotoSize | null | undefined, stage: Size): Size {
  const width = photo?.width ?? 0;
  const height = photo?.height ?? 0;
  if (width <= 0 || height <= 0) return stage;
  const scale = Math.min(stage.width / width, stage.height / height);
  return { width: width * scale, height: height * scale };
}

/** One axis of clampPan: a photo smaller than the stage stays centred, a larger one keeps its edges out. */
function clampAxis(offset: number, scale: number, stage: number, fitted: number): number {
  const scaledStage = stage * scale;
  const scaledPhoto = fitted * scale;
  // Where the (centred) photo's near edge lands on screen at offset 0.
  const margin = ((stage - fitted) / 2) * scale;
  if (scaledPhoto <= stage) return (stage - scaledStage) / 2;
  const max = -margin;
  const min = stage - scaledPhoto - margin;
  return Math.min(max, Math.max(min, offset));
}

/** The view moved back so that no empty stage shows beside a photo larger than the stage. */
export function clampPan(view: View, fitted: Size, stage: Size): View {
  return {
    scale: view.scale,
    x: clampAxis(view.x, view.scale, stage.width, fitted.width),
    y: clampAxis(view.y, view.scale, stage.height, fitted.height),
  };
}

/** Zooms to `scale` (kept within 1..MAX_SCALE) keeping the photo's point under `at` where it is. */
export function zoomAbout(view: View, scale: number, at: Point, fitted: Size, stage: Size): View {
  const next = Math.min(MAX_SCALE, Math.max(1, scale));
  const ratio = next / view.scale;
  const moved = { scale: next, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio };
  return clampPan(moved, fitted, stage);
}

/** Double tap: zoom in at the tapped point, or back out when zoomed. */
export function toggleZoom(view: View, at: Point, fitted: Size, stage: Size): View {
  return isZoomed(view) ? IDENTITY : zoomAbout(view, DOUBLE_TAP_SCALE, at, fitted, stage);
}

/** Drags the zoomed photo by (dx, dy), never past its edges. */
export function panBy(view: View, dx: number, dy: number, fitted: Size, stage: Size): View {
  return clampPan({ scale: view.scale, x: view.x + dx, y: view.y + dy }, fitted, stage);
}

/**
 * Whether a horizontal drag by `dx` can move the photo no further: then the drag is a swipe to the
 * neighbour. Unzoomed, every horizontal drag is.
 */
export function atHorizontalEdge(view: View, dx: number, fitted: Size, stage: Size): boolean {
  const moved = panBy(view, dx > 0 ? 1 : -1, 0, fitted, stage);
  return Math.abs(moved.x - view.x) < 0.5;
}
