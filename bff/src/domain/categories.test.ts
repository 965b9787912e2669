import { categoryCodes } from '@jiefang/contracts';
import { categoryCatalogue } from './categories';

describe('categoryCatalogue', () => {
  it('has every API category with a Chinese name, department and SLA', () => {
    const catalogue = categoryCatalogue();
    expect(
      catalogue
        .all()
        .map((category) => category.code)
        .sort(),
    ).toEqual([...categoryCodes].sort());
    expect(catalogue.get('street_vending')).toMatchObject({ name: '占道经营', onSiteSlaMinutes: 15 });
  });

  it('refuses a configuration that misses or repeats a category', () => {
    const { categories } = { categories: categoryCatalogue().all() };
    expect(() => categoryCatalogue({ version: 1, categories: categories.slice(1) })).toThrow(/exactly once/);
    expect(() => categoryCatalogue({ version: 1, categories: [...categories, categories[0]] })).toThrow(
      /exactly once/,
    );
  });
});
