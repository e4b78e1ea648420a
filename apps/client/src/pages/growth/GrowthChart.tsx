/** The chart on H5: the model's SVG inline in the page (crisp at any zoom, queryable in tests). */
import { chartSvg, type GrowthChartModel } from '../../lib/growth-chart';
import { ChartFrame } from './ChartFrame';
import { chartPalette } from './chart-palette';

export function GrowthChart({ model }: { model: GrowthChartModel }) {
  return (
    <ChartFrame model={model}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own SVG of numbers (lib/growth-chart.ts) */}
      <div className="growth-chart__drawing" dangerouslySetInnerHTML={{ __html: chartSvg(model, chartPalette()) }} />
    </ChartFrame>
  );
}
