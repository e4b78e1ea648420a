/** The chart's colours on H5: the system's scheme, as theme.css follows it (prefers-color-scheme). */
import { CHART_PALETTES, type ChartPalette } from '../../lib/growth-chart';

export function chartPalette(): ChartPalette {
  const dark = typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches;
  return CHART_PALETTES[dark ? 'dark' : 'light'];
}
