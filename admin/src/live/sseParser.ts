/** One dispatched server-sent event. */
export interface SseMessage {
  /** `event:` field; `message` when the server sent none. */
  event: string;
  data: string;
  /** The last `id:` seen on the stream so far (empty when none). */
  lastEventId: string;
  /** `retry:` in milliseconds, when this event carried one. */
  retry?: number;
}

export interface SseParser {
  /** Feeds decoded text; chunks may split lines (and a CRLF pair) anywhere. */
  push(chunk: string): void;
  /** The stream ended: an event not yet terminated by a blank line is dropped, as the spec says. */
  reset(): void;
}

export interface SseHandlers {
  onMessage(message: SseMessage): void;
  /** A `:` comment line, e.g. the server's `: ping` keep-alive. */
  onComment?(text: string): void;
}

/**
 * A parser for the `text/event-stream` format (WHATWG HTML §9.2.6): lines end in CRLF, LF or CR;
 * `field: value` with one optional space after the colon; `data` lines join with "\n"; a blank line
 * dispatches; an event without data is not dispatched.
 */
export function createSseParser(handlers: SseHandlers): SseParser {
  let buffer = '';
  // The previous chunk ended in "\r": a "\n" at the start of the next one belongs to the same line ending.
  let skipLeadingLf = false;
  let eventType = '';
  let data: string[] = [];
  let retry: number | undefined;
  let lastEventId = '';

  function dispatch() {
    if (data.length > 0) {
      const message: SseMessage = { event: eventType || 'message', data: data.join('\n'), lastEventId };
      if (retry !== undefined) message.retry = retry;
      handlers.onMessage(message);
    }
    eventType = '';
    data = [];
    retry = undefined;
  }

  function line(text: string) {
    if (text === '') {
      dispatch();
      return;
    }
    const colon = text.indexOf(':');
    if (colon === 0) {
      handlers.onComment?.(text.slice(1).replace(/^ /, ''));
      return;
    }
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) retry = Number(value);
        break;
      default:
        // Unknown fields are ignored.
        break;
    }
  }

  return {
    push(chunk) {
      let text = chunk;
      if (skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
      skipLeadingLf = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i += 1) {
        const char = buffer[i];
        if (char !== '\n' && char !== '\r') continue;
        line(buffer.slice(start, i));
        if (char === '\r') {
          if (i + 1 === buffer.length) skipLeadingLf = true;
          else if (buffer[i + 1] === '\n') i += 1;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    reset() {
      buffer = '';
      skipLeadingLf = false;
      eventType = '';
      data = [];
      retry = undefined;
    },
  };
}
