import { useEffect, useRef } from 'react';
import { type DashboardChartOption } from '../../statistics/chartOptions';
import { echarts } from '../../statistics/echarts';

/** One ECharts chart that fills its width, follows its container's size and is disposed with it. */
export function EChart({
  option,
  height,
  label,
  testId,
}: {
  option: DashboardChartOption;
  height: number;
  /** What the chart shows, for screen readers (the figures are also in the tables). */
  label: string;
  testId: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const instance = echarts.init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    // Cards change width with the window, the side menu and 大字模式; the chart follows.
    const observer =
      typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Replace, not merge: a series or category that went away must not linger.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ width: '100%', height }}
    />
  );
}
