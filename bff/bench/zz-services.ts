import { startLocalServices } from '../src/infra/launcher/launcher';
startLocalServices().then((s) => {
  console.log(JSON.stringify({ mongo: s.mongodb.url, mqtt: s.mqtt }));
  process.on('SIGTERM', () => {
    void s.stop().then(() => process.exit(0));
  });
  setInterval(() => undefined, 1e9);
});
