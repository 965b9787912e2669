import { Typography } from 'antd';

/** One entry of a map's legend: a dot (hollow and dashed when it stands for a hollow marker). */
export function LegendDot({ color, label, hollow }: { color: string; label: string; hollow?: boolean }) {
  return (
    <Typography.Text type="secondary">
      <span
        style={{
          display: 'inline-block',
          width: 10,
          height: 10,
          borderRadius: '50%',
          background: hollow ? '#fff' : color,
          border: hollow ? `1.5px dashed ${color}` : undefined,
          marginInlineEnd: 6,
          verticalAlign: 'baseline',
        }}
      />
      {label}
    </Typography.Text>
  );
}

/** A dashed line: the grids. */
export function LegendDash({ color, label }: { color: string; label: string }) {
  return (
    <Typography.Text type="secondary">
      <svg width={18} height={10} aria-hidden style={{ marginInlineEnd: 6, verticalAlign: 'middle' }}>
        <line x1={0} y1={5} x2={18} y2={5} stroke={color} strokeWidth={1.5} strokeDasharray="4 3" />
      </svg>
      {label}
    </Typography.Text>
  );
}

export function Legend({ children }: { children: React.ReactNode }) {
  return <div style={{ display: 'flex', gap: 16, marginTop: 6, flexWrap: 'wrap' }}>{children}</div>;
}
