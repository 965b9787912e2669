import { beijingDate, beijingDayNumber, beijingDayStart, type ShiftDefinition } from '@jiefang/contracts';

/** One occurrence of a shift: the Beijing date it starts on, and its instants. */
export interface ShiftOccurrence {
  date: string;
  shiftId: string;
  startsAt: number;
  endsAt: number;
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** The shifts in the order they start within a day. */
function ordered(shifts: readonly ShiftDefinition[]): ShiftDefinition[] {
  if (!shifts.length) throw new Error('a schedule needs at least one shift');
  return [...shifts].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
}

/** Every shift occurrence that starts on the Beijing days `firstDay`..`lastDay` (day numbers), in order. */
function occurrences(
  shifts: readonly ShiftDefinition[],
  firstDay: number,
  lastDay: number,
): ShiftOccurrence[] {
  const sorted = ordered(shifts);
  const starts: Array<{ shiftId: string; at: number }> = [];
  // One day more at the end, for the last occurrence's end.
  for (let day = firstDay; day <= lastDay + 1; day += 1)
    for (const shift of sorted)
      starts.push({ shiftId: shift.id, at: beijingDayStart(day) + minutesOf(shift.start) * 60_000 });
  const result: ShiftOccurrence[] = [];
  for (let index = 0; index < starts.length - 1; index += 1) {
    const start = starts[index] as { shiftId: string; at: number };
    if (beijingDayNumber(start.at) > lastDay) break;
    result.push({
      date: beijingDate(start.at),
      shiftId: start.shiftId,
      startsAt: start.at,
      endsAt: (starts[index + 1] as { at: number }).at,
    });
  }
  return result;
}

/**
 * The shift on at an instant. A night shift that began yesterday evening is still yesterday's: its
 * roster is the one of the date it started on.
 */
export function shiftAt(shifts: readonly ShiftDefinition[], at: number): ShiftOccurrence {
  const day = beijingDayNumber(at);
  const found = occurrences(shifts, day - 1, day).find((shift) => shift.startsAt <= at && at < shift.endsAt);
  if (!found) throw new Error('shifts must cover the day');
  return found;
}

/** The shift occurrences that start in [from, to). */
export function shiftsStartingBetween(
  shifts: readonly ShiftDefinition[],
  from: number,
  to: number,
): ShiftOccurrence[] {
  return occurrences(shifts, beijingDayNumber(from), beijingDayNumber(to)).filter(
    (shift) => shift.startsAt >= from && shift.startsAt < to,
  );
}
