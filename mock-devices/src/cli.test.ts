import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { deviceTopics } from '@jiefang/contracts';
import { BROKER_URL, clearRetained, uniqueDeviceId } from './testSupport';

const tsx = resolve(__dirname, '../../node_modules/.bin/tsx');
const cli = resolve(__dirname, 'cli.ts');

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(tsx, [cli, ...args], { env: { ...process.env, MQTT_URL: BROKER_URL } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('the CLI', () => {
  it('rejects bad arguments with a clear message and exit code 2', async () => {
    const { code, stdout, stderr } = await runCli(['--charging', 'lots', '--duration=-5']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--charging: must be a whole number (got "lots")');
    expect(stderr).toContain('--duration: must be a number of seconds (got "-5")');
  });

  it('runs a small fleet in a scenario for --duration and prints a summary', async () => {
    const prefix = uniqueDeviceId('cli');
    const { code, stdout, stderr } = await runCli([
      '--noise',
      '1',
      '--charging',
      '2',
      '--smoke',
      '0',
      '--prefix',
      prefix,
      '--duration',
      '1',
      '--session-expiry',
      '5',
      '--scenario',
      'charging',
      '--interval-ms',
      '200',
    ]);
    await clearRetained(
      [`${prefix}-noise-0001`, `${prefix}-charging-0001`, `${prefix}-charging-0002`].map(deviceTopics.status),
    );
    expect({ code, stderr }).toMatchObject({
      code: 0,
      stderr: expect.stringContaining('no --credentials file'),
    });
    expect(stdout).toContain('all 3 devices connected');
    expect(stdout).toContain('scenario charging');
    expect(stdout).toMatch(/charging-0002 → charging_detected \(confidence 0\.9\)/);
    // 3 online + 3 offline + 2 detections, plus a reading every 200 ms from the noise meter.
    const summary =
      /summary: 3 devices, 3 connected, 3 online at stop, (\d+) messages sent \((\d+) telemetry, 2 events\), 0 commands, 0 acks, 0 reconnects, 0 errors/.exec(
        stdout,
      );
    expect(summary).not.toBeNull();
    const [, sent, telemetry] = summary!.map(Number);
    expect(telemetry).toBeGreaterThanOrEqual(2);
    expect(sent).toBe(8 + telemetry!);
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run devices/);
  });
});
