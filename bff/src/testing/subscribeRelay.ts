import net from 'node:net';

const subscribePacket = 0x82;

export interface SubscribeRelay {
  url: string;
  /** SUBSCRIBE packets reset by `dropFirstSubscribe`. */
  dropped(): number;
  /** SUBSCRIBE packets held back by `holdSubscribes` so far. */
  held(): number;
  /** Lets the held SUBSCRIBE packets through, and every later one. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A relay to the test broker that interferes with subscriptions only: `dropFirstSubscribe` resets the
 * first connection whose SUBSCRIBE it sees, before the broker can grant it (what happens when the bridge
 * closes a connection on purpose while its subscription is pending); `holdSubscribes` keeps every
 * SUBSCRIBE back until `release()`, so a client stays connected but not yet subscribed.
 */
export async function startSubscribeRelay(
  target: URL,
  mode: 'dropFirstSubscribe' | 'holdSubscribes',
): Promise<SubscribeRelay> {
  let dropped = 0;
  let heldSubscribes = 0;
  let released = mode === 'dropFirstSubscribe';
  const held: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 1883), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    // Once one chunk is held, later ones queue behind it, so the packets keep their order.
    let holding = false;
    client.on('data', (chunk) => {
      if (chunk[0] === subscribePacket && mode === 'dropFirstSubscribe' && dropped === 0) {
        dropped += 1;
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      if (!released && (holding || chunk[0] === subscribePacket)) {
        if (chunk[0] === subscribePacket) heldSubscribes += 1;
        holding = true;
        held.push(() => upstream.write(chunk));
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `mqtt://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    dropped: () => dropped,
    held: () => heldSubscribes,
    release() {
      released = true;
      for (const write of held.splice(0)) write();
    },
    close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}
