/** Street colours, in feature order: a fill and a stronger outline each. */
export const streetFills = ['#d6e8ff', '#dcf5cf', '#ffe7c2', '#eadcff', '#c9f2ec', '#ffd9e8'];
export const streetStrokes = ['#4096ff', '#73d13d', '#fa8c16', '#9254de', '#13c2c2', '#eb2f96'];

export const streetFill = (index: number) => streetFills[index % streetFills.length]!;
export const streetStroke = (index: number) => streetStrokes[index % streetStrokes.length]!;

/** The land around the district when there are no tiles. */
export const offlineBackground = '#eef2f6';
