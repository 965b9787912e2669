import { describe, expect, it } from 'vitest';
import { staffFiltersOf, staffListQuery } from './staffFilters';

describe('the staff list’s filters', () => {
  it('reads search, role, street and status from the URL, dropping what is not a filter', () => {
    expect(
      staffFiltersOf(new URLSearchParams('q=%20张三%20&role=officer&street=chigang&status=disabled')),
    ).toEqual({ q: '张三', role: 'officer', street: 'chigang', status: 'disabled' });
    expect(staffFiltersOf(new URLSearchParams('q=%20&role=king&status=maybe'))).toEqual({});
  });

  it('asks the BFF for the most it gives, with disabled as a yes or no', () => {
    expect(staffListQuery({}).toString()).toBe('limit=200');
    expect(staffListQuery({ q: '李', role: 'admin', street: 'huazhou', status: 'enabled' }).toString()).toBe(
      'limit=200&q=%E6%9D%8E&role=admin&street=huazhou&disabled=false',
    );
    expect(staffListQuery({ status: 'disabled' }).get('disabled')).toBe('true');
  });
});
