/**
 * What every target puts around the chart's drawing: the box of the chart's size, and the axis labels as
 * Text views at the model's tick positions (the SVG itself has no text, see lib/growth-chart.ts).
 */
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { GrowthChartModel } from '../../lib/growth-chart';

const px = (n: number): number | string => (process.env.TARO_ENV === 'rn' ? n : `${n}px`);

export function ChartFrame({ model, children }: { model: GrowthChartModel; children: ReactNode }) {
  const { width, height, left, bottom } = model.size;
  return (
    <View id="growth-chart" className="growth-chart" style={{ width: px(width), height: px(height) }}>
      {children}
      {model.yTicks.map((tick) => (
        <Text
          key={`y${tick.value}`}
          className="growth-chart__label growth-chart__label--y"
          style={{ left: px(0), width: px(left - 4), top: px(tick.at - 7) }}
        >
          {String(tick.value)}
        </Text>
      ))}
      {model.xTicks.map((tick) => (
        <Text
          key={`x${tick.value}`}
          className="growth-chart__label growth-chart__label--x"
          style={{ left: px(tick.at - 15), width: px(30), top: px(height - bottom + 4) }}
        >
          {String(tick.value)}
        </Text>
      ))}
    </View>
  );
}
