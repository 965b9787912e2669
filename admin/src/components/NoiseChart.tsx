import { Empty, Typography, theme } from 'antd';
import { useMemo } from 'react';
import { formatDb } from '../alarms/labels';
import { noiseChartGeometry, type ChartBox, type LevelSample } from '../alarms/noiseChart';
import { t } from '../i18n';
import { formatTime } from '../i18n/format';

const OVER = '#cf1322';
const LINE = '#1677ff';
const LIMIT = '#fa8c16';

const boxes: Record<'full' | 'medium', ChartBox> = {
  full: { width: 640, height: 200, padding: { top: 12, right: 16, bottom: 26, left: 44 } },
  // A narrow side panel: fewer pixels in the viewBox, so the labels stay legible when scaled down.
  medium: { width: 340, height: 160, padding: { top: 10, right: 10, bottom: 24, left: 34 } },
};
const sparkBox: ChartBox = { width: 160, height: 40, padding: { top: 4, right: 3, bottom: 4, left: 3 } };

/**
 * 1-minute noise levels against the limit, drawn as SVG (no chart library): levels in blue, minutes over
 * the limit marked red, the limit as an orange dashed line. `compact` is a table-cell sparkline.
 */
export function NoiseChart({
  samples,
  limitDb,
  compact = false,
  narrow = false,
  testId = 'noise-chart',
}: {
  samples: readonly LevelSample[];
  limitDb?: number | null;
  compact?: boolean;
  /** Laid out for a side panel about 300 px wide. */
  narrow?: boolean;
  testId?: string;
}) {
  const { token } = theme.useToken();
  const box = compact ? sparkBox : boxes[narrow ? 'medium' : 'full'];
  const geometry = useMemo(() => noiseChartGeometry(samples, limitDb, box), [samples, limitDb, box]);
  const { points } = geometry;

  if (points.length === 0) {
    return compact ? (
      <Typography.Text type="secondary" data-testid={testId} data-empty>
        {t('chart.empty')}
      </Typography.Text>
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chart.empty')} data-testid={testId} />
    );
  }

  const max = Math.max(...points.map((point) => point.levelDb));
  const summary =
    limitDb === null || limitDb === undefined
      ? t('chart.summary', { count: points.length, max: max.toFixed(1) })
      : t('chart.summaryLimit', { count: points.length, max: max.toFixed(1), limit: limitDb });
  const overCount = points.filter((point) => point.over).length;
  // A sparkline or a long trace marks only the minutes over the limit, smaller, so the line stays readable.
  const dense = compact || points.length > 30;
  const labelSize = Math.max(11, token.fontSizeSM - 1);
  const { padding } = box;

  return (
    <div data-testid={testId} data-points={points.length} data-over={overCount}>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${box.width} ${box.height}`}
        style={{
          width: compact ? box.width : '100%',
          height: compact ? box.height : 'auto',
          display: 'block',
          overflow: 'visible',
        }}
      >
        <title>{summary}</title>
        {!compact &&
          geometry.ticks.map((tick) => (
            <g key={tick.db}>
              <line
                x1={padding.left}
                x2={box.width - padding.right}
                y1={tick.y}
                y2={tick.y}
                stroke={token.colorBorderSecondary}
              />
              <text
                x={padding.left - 6}
                y={tick.y}
                textAnchor="end"
                dominantBaseline="middle"
                fontSize={labelSize}
                fill={token.colorTextSecondary}
              >
                {tick.db}
              </text>
            </g>
          ))}
        {geometry.limitY !== null && (
          <line
            data-testid={`${testId}-limit`}
            x1={padding.left}
            x2={box.width - padding.right}
            y1={geometry.limitY}
            y2={geometry.limitY}
            stroke={LIMIT}
            strokeWidth={compact ? 1 : 1.5}
            strokeDasharray={compact ? '3 2' : '6 4'}
          />
        )}
        <path
          d={geometry.line}
          fill="none"
          stroke={LINE}
          strokeWidth={compact ? 1.5 : 2}
          strokeLinejoin="round"
        />
        {points.map((point) =>
          point.over || !dense ? (
            <circle
              key={point.at}
              cx={point.x}
              cy={point.y}
              r={compact ? 1.8 : dense ? 2.2 : point.over ? 3.5 : 2.2}
              fill={point.over ? OVER : LINE}
            >
              <title>{`${formatTime(point.at)} · ${formatDb(point.levelDb)}`}</title>
            </circle>
          ) : null,
        )}
        {!compact && geometry.start && geometry.end && (
          <>
            <text x={padding.left} y={box.height - 6} fontSize={labelSize} fill={token.colorTextSecondary}>
              {formatTime(geometry.start)}
            </text>
            <text
              x={box.width - padding.right}
              y={box.height - 6}
              textAnchor="end"
              fontSize={labelSize}
              fill={token.colorTextSecondary}
            >
              {formatTime(geometry.end)}
            </text>
          </>
        )}
      </svg>
      {!compact && (
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', marginTop: 4 }}>
          <Swatch color={LINE} label={t('chart.legendLevel')} />
          {overCount > 0 && <Swatch color={OVER} label={t('chart.legendOver')} round />}
          {geometry.limitY !== null && (
            <Swatch color={LIMIT} label={t('chart.limit', { limit: formatDb(limitDb ?? 0) })} dashed />
          )}
        </div>
      )}
    </div>
  );
}

function Swatch({
  color,
  label,
  round,
  dashed,
}: {
  color: string;
  label: string;
  round?: boolean;
  dashed?: boolean;
}) {
  return (
    <Typography.Text type="secondary">
      <span
        style={{
          display: 'inline-block',
          width: round ? 8 : 16,
          height: round ? 8 : 0,
          borderRadius: round ? '50%' : 0,
          background: round ? color : undefined,
          borderTop: round ? undefined : `2px ${dashed ? 'dashed' : 'solid'} ${color}`,
          verticalAlign: 'middle',
          marginInlineEnd: 6,
        }}
      />
      {label}
    </Typography.Text>
  );
}
