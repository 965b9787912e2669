import { MongoClient } from 'mongodb';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
const dir = '/tmp/fdbtest/' + Date.now();
fs.mkdirSync(dir + '/data', { recursive: true }); fs.mkdirSync(dir + '/state');
const extra = process.argv[2] ?? '';
let proc: ChildProcess;
const start = () => { proc = spawn('/work/main/.data/bin/ferretdb', ['--handler=sqlite', `--sqlite-url=file:${dir}/data/${extra}`, `--state-dir=${dir}/state`, '--listen-addr=127.0.0.1:47018', '--telemetry=disable', '--log-level=error'], { stdio: 'ignore' }); };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
(async () => {
  start(); await sleep(1500);
  const client = new MongoClient('mongodb://127.0.0.1:47018/', { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 2000 });
  const coll = client.db('t').collection<{ _id: string; n: number; updated?: number }>('docs');
  const acked: string[] = []; const updated: string[] = [];
  let running = true; let n = 0;
  const worker = async () => { while (running) { const id = `d${n++}`; try { await coll.insertOne({ _id: id, n, pad: 'x'.repeat(2000) } as never); acked.push(id); await coll.updateOne({ _id: id }, { $set: { updated: 1 } }); updated.push(id); } catch { await sleep(100); } } };
  const workers = Array.from({ length: 10 }, worker);
  for (let round = 0; round < 6; round++) { await sleep(2500); proc.kill('SIGKILL'); await sleep(1000); start(); }
  await sleep(2000); running = false; await Promise.all(workers);
  const ids = new Set((await coll.find({}, { projection: { _id: 1, updated: 1 } }).toArray()).map((d) => d._id));
  const missing = acked.filter((id) => !ids.has(id));
  const all = await coll.find({}).toArray(); const notUpdated = updated.filter((id) => !all.find((d) => d._id === id)?.updated);
  console.log(`acked ${acked.length} missing ${missing.length} updated ${updated.length} updateLost ${notUpdated.length}`, missing.slice(0, 10));
  await client.close(); proc.kill('SIGKILL');
})();
