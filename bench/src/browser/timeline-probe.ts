/**
 * Runs inside the H5 page, not in Node: bundled by esbuild (lib/probe.ts) and added as an init script, it
 * reads the timeline's windowed grid from the DOM and waits frame by frame for what the client bench
 * measures — cells on screen, no month placeholder left, queue rows shown — never for a fixed time.
 * Times are the page's own clock (performance.now() and event timestamps), so no round trip to the bench
 * process is counted.
 */

/** The part of the grid that must show photos before a scroll counts as done. */
export type Region = 'view' | 'window';

export interface StepResult {
  ms: number;
  /** A part of a month not loaded yet came into the rendered window during this step (its placeholder appeared). */
  newMonth: boolean;
  /** The cell of the photo asked for is on screen. */
  reached: boolean;
}

export interface TimelineProbe {
  /** Waits until `region` shows photos; returns how long that took. */
  settle(region: Region): Promise<number>;
  /** Scrolls the page one screen (its visible height) down, then waits until `region` shows photos. */
  step(region: Region, photoId: string): Promise<StepResult>;
  domNodes(): number;
  /** Starts watching touch moves, for scrubbed(). */
  armScrub(): void;
  /** Waits until cells of these photos are on screen with no placeholder; ms since the last touch move. */
  scrubbed(photoIds: readonly string[]): Promise<number>;
  /** Starts watching the file input, for queued(). */
  armPick(): void;
  /** Waits until `rows` upload rows are painted; ms since the picked files reached the page. */
  queued(rows: number): Promise<number>;
}

declare global {
  interface Window {
    timelineProbe: TimelineProbe;
  }
}

const PLACEHOLDER = 'photo-grid__block--month';
/** Blocks sit GAP (3 px) apart: anything wider between them is a part of the grid not rendered. */
const SLACK_PX = 8;

interface Block {
  top: number;
  bottom: number;
  placeholder: boolean;
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

/**
 * What the page scrolls, as the app's page-scroll.ts finds it: Taro's page container around the grid, or
 * the document; and where its visible part starts on screen.
 */
function scroller(): { box: Element; screenTop: number } {
  const page = document.getElementById('timeline-grid')?.closest('.taro_page');
  if (page && getComputedStyle(page).overflowY !== 'visible') {
    return { box: page, screenTop: page.getBoundingClientRect().top };
  }
  return { box: document.scrollingElement ?? document.documentElement, screenTop: 0 };
}

function gridState() {
  const grid = document.getElementById('timeline-grid');
  if (!grid) return null;
  const { box, screenTop } = scroller();
  const gridRect = grid.getBoundingClientRect();
  const gridTop = gridRect.top - screenTop + box.scrollTop;
  const height = grid.offsetHeight;
  const viewTop = Math.max(0, box.scrollTop - gridTop);
  const viewBottom = Math.min(height, box.scrollTop - gridTop + box.clientHeight);
  // From layout, not from style.top: Chromium writes lengths past 1e6 px with six digits ("1.39694e+06px").
  const blocks: Block[] = [...grid.children].map((child) => {
    const rect = child.getBoundingClientRect();
    const top = rect.top - gridRect.top;
    return { top, bottom: top + rect.height, placeholder: child.classList.contains(PLACEHOLDER) };
  });
  return { height, viewTop, viewBottom, blocks };
}

/**
 * The grid has rendered the page's current scroll position (window.ts: one screen above, at least two
 * below the top of the view, a screen being the app's window height), with no hole in the view, and no
 * placeholder in `region`.
 */
function shows(region: Region): boolean {
  const state = gridState();
  if (!state || state.blocks.length === 0) return false;
  const { height, viewTop, viewBottom, blocks } = state;
  const first = blocks[0] as Block;
  const last = blocks[blocks.length - 1] as Block;
  if (first.top > viewTop + SLACK_PX) return false;
  const screen = document.documentElement.clientHeight;
  if (last.bottom < Math.min(height, viewTop + 2 * screen) - SLACK_PX) return false;
  for (let i = 1; i < blocks.length; i++) {
    const above = blocks[i - 1] as Block;
    const block = blocks[i] as Block;
    if (block.top - above.bottom > SLACK_PX && block.top < viewBottom && above.bottom > viewTop) return false;
  }
  return !blocks.some(
    (block) => block.placeholder && (region === 'window' || (block.top < viewBottom && block.bottom > viewTop)),
  );
}

function inView(id: string): boolean {
  const rect = document.getElementById(`photo-${id}`)?.getBoundingClientRect();
  const { box, screenTop } = scroller();
  return rect !== undefined && rect.bottom > screenTop && rect.top < screenTop + box.clientHeight;
}

/** Resolves with the time of the first frame at which `done()` holds. */
async function frameWhen(done: () => boolean): Promise<number> {
  for (;;) {
    const at = await nextFrame();
    if (done()) return at;
  }
}

let lastTouchMove = 0;
let pickedAt = 0;

const probe: TimelineProbe = {
  async settle(region) {
    const started = performance.now();
    return (await frameWhen(() => shows(region))) - started;
  },

  async step(region, photoId) {
    let newMonth = false;
    const watcher = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node instanceof Element && node.classList.contains(PLACEHOLDER)) newMonth = true;
        }
      }
    });
    const grid = document.getElementById('timeline-grid');
    if (grid) watcher.observe(grid, { childList: true });
    const { box } = scroller();
    const started = performance.now();
    const startedAt = box.scrollTop;
    box.scrollBy(0, box.clientHeight);
    // The scroll event, then the grid's render: until both happened the old window can look settled.
    const at = await frameWhen(() => box.scrollTop !== startedAt && shows(region));
    watcher.disconnect();
    return { ms: at - started, newMonth, reached: inView(photoId) };
  },

  domNodes: () => document.querySelectorAll('*').length,

  armScrub() {
    lastTouchMove = 0;
    document.addEventListener(
      'touchmove',
      (event) => {
        lastTouchMove = event.timeStamp;
      },
      { capture: true, passive: true },
    );
  },

  async scrubbed(photoIds) {
    const wanted = new Set(photoIds);
    const onScreen = () => [...wanted].some((id) => inView(id));
    const at = await frameWhen(() => lastTouchMove > 0 && shows('view') && onScreen());
    return at - lastTouchMove;
  },

  armPick() {
    pickedAt = 0;
    document.addEventListener(
      'change',
      (event) => {
        if (event.target instanceof HTMLInputElement && event.target.type === 'file') pickedAt = event.timeStamp;
      },
      { capture: true },
    );
  },

  async queued(rows) {
    const at = await frameWhen(() => pickedAt > 0 && document.querySelectorAll('.upload-item').length >= rows);
    return at - pickedAt;
  },
};

window.timelineProbe = probe;
