/** The chart's colours in WeChat: the system theme WeChat reports (app.json darkmode: true). */
import Taro from '@tarojs/taro';
import { CHART_PALETTES, type ChartPalette } from '../../lib/growth-chart';

export function chartPalette(): ChartPalette {
  try {
    return CHART_PALETTES[Taro.getSystemInfoSync().theme === 'dark' ? 'dark' : 'light'];
  } catch {
    return CHART_PALETTES.light;
  }
}
