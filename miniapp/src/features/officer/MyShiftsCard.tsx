import { Text, View } from '@tarojs/components';
import type { LoadState } from '../../components/useLoadable';
import { ErrorBox, LoadingBox } from '../../components/LoadStates';
import { t } from '../../i18n';
import { MY_SHIFTS_DAYS, currentShiftLabel, shiftLabel, type MyShifts } from './myShifts';

/** 我的排班: whether the officer is on the shift on now, and their shifts of the coming days. */
export function MyShiftsCard({ state, onRetry }: { state: LoadState<MyShifts>; onRetry: () => void }) {
  if (state.status === 'loading')
    return <LoadingBox testId="officer-shifts-loading" text={t('officer.shifts.loading')} />;
  if (state.status === 'error')
    return <ErrorBox testId="officer-shifts-error" message={state.message} onRetry={onRetry} />;
  const shifts = state.value;
  return (
    <View
      className="jf-card jf-of-shifts"
      data-testid="officer-shifts"
      data-empty={state.status === 'empty' ? '1' : '0'}
    >
      <Text className="jf-of-shifts__title">{t('officer.shifts.title')}</Text>
      <Text
        className={`jf-of-shifts__now${shifts.current ? ' jf-of-shifts__now--on' : ''}`}
        data-testid="officer-shifts-now"
        data-on={shifts.current ? '1' : '0'}
      >
        {currentShiftLabel(shifts)}
      </Text>
      <Text className="jf-label jf-of-label">{t('officer.shifts.upcoming', { n: MY_SHIFTS_DAYS })}</Text>
      {shifts.upcoming.length === 0 ? (
        <Text className="jf-muted jf-block" data-testid="officer-shifts-none">
          {t('officer.shifts.none')}
        </Text>
      ) : (
        <View className="jf-of-shifts__list">
          {shifts.upcoming.map((shift) => (
            <Text
              key={`${shift.date}-${shift.shiftId}`}
              className="jf-of-shifts__item"
              data-testid="officer-shifts-item"
            >
              {shiftLabel(shift)}
            </Text>
          ))}
        </View>
      )}
      {shifts.rosterDispatch && (
        <Text className="jf-muted jf-block jf-of-shifts__note" data-testid="officer-shifts-dispatch">
          {t('officer.shifts.rosterDispatch')}
        </Text>
      )}
    </View>
  );
}
