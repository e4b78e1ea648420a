/**
 * The chart in WeChat: the model's SVG as an Image of a data URL. WeChat decodes an SVG image of paths,
 * lines and circles reliably, in one setData of a short string, while Canvas 2D would need the canvas node
 * queried after layout and the whole drawing redone in its API (and redrawn when the page comes back).
 * The SVG carries no text (WeChat's SVG decoder is unreliable with fonts): the labels are views.
 */
import { Image } from '@tarojs/components';
import { portableBtoa } from '../../lib/base64';
import { chartSvg, type GrowthChartModel } from '../../lib/growth-chart';
import { ChartFrame } from './ChartFrame';
import { chartPalette } from './chart-palette';

export function GrowthChart({ model }: { model: GrowthChartModel }) {
  const src = `data:image/svg+xml;base64,${portableBtoa(chartSvg(model, chartPalette()))}`;
  return (
    <ChartFrame model={model}>
      <Image
        className="growth-chart__drawing"
        style={{ width: `${model.size.width}px`, height: `${model.size.height}px` }}
        src={src}
      />
    </ChartFrame>
  );
}
