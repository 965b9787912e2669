import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './sseParser';

function collect() {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const parser = createSseParser({
    onMessage: (message) => messages.push(message),
    onComment: (text) => comments.push(text),
  });
  return { parser, messages, comments };
}

describe('createSseParser', () => {
  it('parses a named event with JSON data and ignores the keep-alive comment', () => {
    const { parser, messages, comments } = collect();
    parser.push(': ping\n\nevent: ticket\ndata: {"type":"ticket"}\n\n');
    expect(comments).toEqual(['ping']);
    expect(messages).toEqual([{ event: 'ticket', data: '{"type":"ticket"}', lastEventId: '' }]);
  });

  it('reassembles lines split across chunks, including a CRLF split between chunks', () => {
    const { parser, messages } = collect();
    const stream = 'event: ticket\r\ndata: {"a":\r\ndata: 1}\r\n\r\n';
    for (const char of stream) parser.push(char);
    expect(messages).toEqual([{ event: 'ticket', data: '{"a":\n1}', lastEventId: '' }]);

    const split = collect();
    split.parser.push('data: x\r');
    split.parser.push('\n\r');
    split.parser.push('\ndata: y\r\r');
    expect(split.messages.map((message) => message.data)).toEqual(['x', 'y']);
  });

  it('defaults the event type, strips only one space and keeps colons in values', () => {
    const { parser, messages } = collect();
    parser.push('data:  two spaces\ndata:no space\ndata: a:b\n\n');
    expect(messages[0]).toEqual({ event: 'message', data: ' two spaces\nno space\na:b', lastEventId: '' });
  });

  it('does not dispatch an event without data, and resets the type after each dispatch', () => {
    const { parser, messages } = collect();
    parser.push('event: ticket\n\ndata: plain\n\n');
    expect(messages).toEqual([{ event: 'message', data: 'plain', lastEventId: '' }]);
  });

  it('keeps the last event id across events and reads retry', () => {
    const { parser, messages } = collect();
    parser.push('id: 7\nretry: 2500\ndata: a\n\ndata: b\n\nretry: soon\nid\ndata: c\n\n');
    expect(messages).toEqual([
      { event: 'message', data: 'a', lastEventId: '7', retry: 2500 },
      { event: 'message', data: 'b', lastEventId: '7' },
      { event: 'message', data: 'c', lastEventId: '' },
    ]);
  });

  it('drops an unterminated event when the stream ends', () => {
    const { parser, messages } = collect();
    parser.push('data: half');
    parser.reset();
    parser.push('data: whole\n\n');
    expect(messages.map((message) => message.data)).toEqual(['whole']);
  });

  it('treats a field name without a colon as an empty value', () => {
    const { parser, messages } = collect();
    parser.push('data\ndata\n\n');
    expect(messages[0]?.data).toBe('\n');
  });
});
