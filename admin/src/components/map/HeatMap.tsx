import { Typography, theme } from 'antd';
import { t } from '../../i18n';
import { BaseMap } from './BaseMap';
import { HeatLayer, type HeatPoint } from './HeatLayer';
import { heatRamp } from './heatScale';

/** Where tickets were reported: the district map with a heat layer and its scale. */
export function HeatMap({ points, height = 360 }: { points: HeatPoint[]; height?: number }) {
  const { token } = theme.useToken();
  const total = points.reduce((sum, point) => sum + point.tickets, 0);
  return (
    <div data-testid="heat-map">
      <BaseMap height={height} testId="heat-map-canvas" ariaLabel={t('map.heatAria')}>
        <HeatLayer points={points} />
      </BaseMap>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 6, flexWrap: 'wrap' }}>
        {total === 0 ? (
          <Typography.Text type="secondary">{t('map.heatEmpty')}</Typography.Text>
        ) : (
          <>
            <Typography.Text type="secondary">{t('map.heatFew')}</Typography.Text>
            <span
              aria-hidden
              style={{
                display: 'inline-block',
                width: 120,
                height: 8,
                borderRadius: 4,
                background: `linear-gradient(to right, ${heatRamp.join(', ')})`,
                border: `1px solid ${token.colorBorderSecondary}`,
              }}
            />
            <Typography.Text type="secondary">{t('map.heatMany')}</Typography.Text>
          </>
        )}
      </div>
    </div>
  );
}
