import { categoryCodes } from '@jiefang/contracts';
import { categoryCatalogue, categorySeeds, editedCategory } from './categories';
import { categoryOfTicket } from './ticketCategory';

describe('categoryCatalogue', () => {
  it('has every API category with a Chinese name, icon, department and SLA, enabled at version 1', () => {
    const catalogue = categoryCatalogue();
    expect(
      catalogue
        .all()
        .map((category) => category.code)
        .sort(),
    ).toEqual([...categoryCodes].sort());
    expect(catalogue.get('street_vending')).toMatchObject({
      name: '占道经营',
      icon: 'cart',
      onSiteSlaMinutes: 15,
      enabled: true,
      version: 1,
    });
  });

  it('refuses a configuration that misses or repeats a category', () => {
    const categories = categorySeeds();
    expect(() => categoryCatalogue({ version: 1, categories: categories.slice(1) })).toThrow(/exactly once/);
    expect(() => categoryCatalogue({ version: 1, categories: [...categories, categories[0]] })).toThrow(
      /exactly once/,
    );
  });
});

describe('editedCategory', () => {
  const before = categoryCatalogue().get('garbage');

  it('changes the fields sent and moves the version', () => {
    const { after, changed } = editedCategory(before, { name: '垃圾乱堆', onSiteSlaMinutes: 45 });
    expect(changed).toEqual(['name', 'onSiteSlaMinutes']);
    expect(after).toEqual({ ...before, name: '垃圾乱堆', onSiteSlaMinutes: 45, version: before.version + 1 });
  });

  it('is no change when every field sent already has that value', () => {
    const { after, changed } = editedCategory(before, { name: before.name, enabled: true });
    expect(changed).toEqual([]);
    expect(after).toBe(before);
  });

  it('records switching a category off', () => {
    expect(editedCategory(before, { enabled: false })).toMatchObject({
      changed: ['enabled'],
      after: { enabled: false },
    });
  });
});

describe('categoryOfTicket', () => {
  const categories = categoryCatalogue();

  it('keeps what the ticket was reported under', () => {
    expect(
      categoryOfTicket(
        { category: 'noise', categoryName: '夜间噪音', departmentName: '环保', onSiteSlaMinutes: 25 },
        categories,
      ),
    ).toEqual({ name: '夜间噪音', departmentName: '环保', onSiteSlaMinutes: 25 });
  });

  it('falls back to the category as it is now for tickets from before', () => {
    expect(categoryOfTicket({ category: 'noise' }, categories)).toEqual({
      name: '噪音扰民',
      departmentName: '城管执法',
      onSiteSlaMinutes: 15,
    });
  });
});
