import { csvField, csvLine, guardedText } from './spreadsheetCells';

describe('export cells', () => {
  it('quotes commas, quotes and line breaks, and doubles quotes', () => {
    expect(csvField('赤岗北路 18 号')).toBe('赤岗北路 18 号');
    expect(csvField('一，二,三')).toBe('"一，二,三"');
    expect(csvField('他说"快来"')).toBe('"他说""快来"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvLine(['a', 1.5, null, 'b'])).toBe('a,1.5,,b\r\n');
  });

  it('keeps text that looks like a formula from being run as one', () => {
    for (const text of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\t=cmd', '\r=cmd'])
      expect(guardedText(text)).toBe(`'${text}`);
    expect(csvField('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(guardedText('正常描述 = 没问题')).toBe('正常描述 = 没问题');
    // Numbers are numbers: a negative one is no formula.
    expect(csvField(-3)).toBe('-3');
  });
});
