/**
 * Draws the feed tab's icons (动态: a speech bubble with a heart) and the discover tab's (发现: a compass) as
 * the 81x81 palette PNGs weapp's tab bar
 * takes (no SVG there), in the tab bar's two colours from theme.json's light scheme, like the other icons
 * in src/assets/tab. Run it after changing the drawing: `node scripts/tab-icons.mjs`; commit the PNGs.
 * sharp comes from the API package, which depends on it already (the client ships no image library).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../../api/package.json', import.meta.url));
const sharp = require('sharp');
const theme = require(fileURLToPath(new URL('../src/theme.json', import.meta.url)));

const SIZE = 81;

/** A bubble (rounded box with a tail at the bottom left) with a heart cut out of it. */
function feedIcon(colour) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 81 81">
  <defs>
    <mask id="cut">
      <rect width="81" height="81" fill="white"/>
      <path fill="black" d="M40.5 50 C 30 42, 25 37, 25 31.5 C 25 27.5, 28 24.5, 32 24.5 C 35.5 24.5, 38.5 26.5, 40.5 29.5
        C 42.5 26.5, 45.5 24.5, 49 24.5 C 53 24.5, 56 27.5, 56 31.5 C 56 37, 51 42, 40.5 50 Z"/>
    </mask>
  </defs>
  <path mask="url(#cut)" fill="${colour}" d="M18 12 H63 A9 9 0 0 1 72 21 V52 A9 9 0 0 1 63 61 H33 L19 72 V61 H18
    A9 9 0 0 1 9 52 V21 A9 9 0 0 1 18 12 Z"/>
</svg>`;
}

/** A ring with a compass needle (a diamond, its northern half solid, the southern one cut out). */
function discoverIcon(colour) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 81 81">
  <circle cx="40.5" cy="40.5" r="30" fill="none" stroke="${colour}" stroke-width="7"/>
  <path fill="${colour}" d="M52 29 L44.5 44.5 L36.5 36.5 Z"/>
  <path fill="none" stroke="${colour}" stroke-width="4" stroke-linejoin="round" d="M29 52 L36.5 36.5 L44.5 44.5 Z"/>
</svg>`;
}

const icons = [
  ['src/assets/tab/feed.png', theme.light.tabColor, feedIcon],
  ['src/assets/tab/feed-active.png', theme.light.tabSelectedColor, feedIcon],
  ['src/assets/tab/discover.png', theme.light.tabColor, discoverIcon],
  ['src/assets/tab/discover-active.png', theme.light.tabSelectedColor, discoverIcon],
];
for (const [path, colour, draw] of icons) {
  const out = fileURLToPath(new URL(`../${path}`, import.meta.url));
  await sharp(Buffer.from(draw(colour)))
    .resize(SIZE, SIZE)
    .png({ palette: true, compressionLevel: 9 })
    .toFile(out);
  console.log(`${path} (${colour})`);
}
