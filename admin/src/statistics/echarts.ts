import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * ECharts from its core with only what the dashboard draws: line and bar charts, their grid, legend,
 * tooltip and mark line. The whole library would add about a megabyte to the bundle; this is a fraction.
 * The SVG renderer: a few dozen points per chart, sharp at any zoom and in screenshots, and it runs in
 * the tests' jsdom, which has no canvas.
 */
echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkLineComponent,
  SVGRenderer,
]);

export { echarts };
