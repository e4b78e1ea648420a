/** The chart's colours on RN: the scheme system-scheme.rn.ts keeps in step with the system. */
import { CHART_PALETTES, type ChartPalette } from '../../lib/growth-chart';
import { colorScheme } from '../../styles/color-scheme';

export function chartPalette(): ChartPalette {
  return CHART_PALETTES[colorScheme()];
}
