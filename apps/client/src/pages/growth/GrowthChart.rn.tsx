/** The chart on React Native: the model's SVG through react-native-svg. */
import { SvgXml } from 'react-native-svg';
import { chartSvg, type GrowthChartModel } from '../../lib/growth-chart';
import { ChartFrame } from './ChartFrame';
import { chartPalette } from './chart-palette';

export function GrowthChart({ model }: { model: GrowthChartModel }) {
  return (
    <ChartFrame model={model}>
      <SvgXml xml={chartSvg(model, chartPalette())} width={model.size.width} height={model.size.height} />
    </ChartFrame>
  );
}
