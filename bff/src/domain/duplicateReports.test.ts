import { duplicateTicketFor } from './duplicateReports';

const minute = 60_000;

describe('duplicateTicketFor', () => {
  const at = new Date('2026-11-23T10:00:00+08:00');
  const ticket = (
    id: string,
    metersEast: number,
    minutesAgo: number,
    category = 'street_vending' as const,
  ) => ({
    id,
    category,
    location: { lat: 23.1, lng: 113.3 + metersEast / 102_400 },
    reportedAt: new Date(at.getTime() - minutesAgo * minute),
  });

  it('joins the nearest open ticket of the same category within 50 m and 30 minutes', () => {
    const found = duplicateTicketFor(
      { category: 'street_vending', location: { lat: 23.1, lng: 113.3 }, at },
      [ticket('old', 5, 31), ticket('far', 70, 1), ticket('near', 30, 10), ticket('nearest', 10, 20)],
    );
    expect(found?.id).toBe('nearest');
  });

  it('keeps other categories apart', () => {
    const found = duplicateTicketFor({ category: 'garbage', location: { lat: 23.1, lng: 113.3 }, at }, [
      ticket('vending', 1, 1),
    ]);
    expect(found).toBeNull();
  });
});
