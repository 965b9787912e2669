import { splitMessage, t } from './index';
import { zhCN } from './zh-CN';

describe('t', () => {
  it('returns the Chinese message and fills placeholders', () => {
    expect(t('home.logout')).toBe('退出登录');
    expect(t('home.greeting', { name: '李阿姨' })).toBe('李阿姨，您好');
  });

  it('splits a message around a placeholder', () => {
    expect(splitMessage('home.greeting', 'name')).toEqual(['', '，您好']);
  });

  it('has no empty message', () => {
    for (const [key, value] of Object.entries(zhCN))
      expect([key, value.trim().length > 0]).toEqual([key, true]);
  });
});
