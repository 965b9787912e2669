import {
  CredentialsError,
  deviceCredentialsFileSchema,
  generateIdentities,
  loadCredentials,
  selectFromCredentials,
} from './credentials';

const file = (content: unknown) => () =>
  Promise.resolve(typeof content === 'string' ? content : JSON.stringify(content));

const registryExport = [
  { id: 'nm-qingzhu-01', type: 'noise_meter', secret: 's1', name: '青珠广场' },
  { id: 'cd-huazhou-001', type: 'charging_detector', secret: 's2' },
  { id: 'cd-huazhou-002', type: 'charging_detector', secret: 's3' },
  { id: 'sd-home-001', type: 'smoke_detector', secret: 's4' },
];

describe('loadCredentials', () => {
  it('reads the registry export and ignores extra fields', async () => {
    const credentials = await loadCredentials('devices.json', file(registryExport));
    expect(credentials[0]).toEqual({ id: 'nm-qingzhu-01', type: 'noise_meter', secret: 's1' });
    expect(credentials).toHaveLength(4);
  });

  it('says where a file is wrong', async () => {
    await expect(loadCredentials('x.json', file('{ nope'))).rejects.toThrow(/x\.json is not valid JSON/);
    await expect(
      loadCredentials(
        'x.json',
        file([
          { id: 'ok-1', type: 'toaster', secret: 's' },
          { id: 'a', type: 'noise_meter' },
        ]),
      ),
    ).rejects.toThrow(
      /\[\{ "id", "type", "secret" \}\][\s\S]*at \[0\]\.type[\s\S]*at \[1\]\.id[\s\S]*at \[1\]\.secret/,
    );
    await expect(loadCredentials('x.json', file([registryExport[0], registryExport[0]]))).rejects.toThrow(
      /duplicate device id "nm-qingzhu-01"/,
    );
    await expect(loadCredentials('missing.json', () => Promise.reject(new Error('ENOENT')))).rejects.toThrow(
      CredentialsError,
    );
  });
});

describe('selectFromCredentials', () => {
  const all = deviceCredentialsFileSchema.parse(registryExport);

  it('takes the whole file without counts, else the first n of each type', () => {
    expect(selectFromCredentials(all, {}).map((d) => d.id)).toEqual(all.map((d) => d.id));
    expect(selectFromCredentials(all, { charging_detector: 1 })).toEqual([
      { id: 'cd-huazhou-001', type: 'charging_detector', secret: 's2' },
    ]);
  });

  it('refuses to invent devices the file does not have', () => {
    expect(() => selectFromCredentials(all, { smoke_detector: 5 })).toThrow(
      'asked for 5 smoke devices but the credentials file has only 1 of type smoke_detector',
    );
  });
});

describe('generateIdentities', () => {
  it('numbers devices per type without secrets, with an optional prefix', () => {
    expect(generateIdentities({ noise_meter: 2, charging_detector: 1, smoke_detector: 0 })).toEqual([
      { id: 'noise-0001', type: 'noise_meter' },
      { id: 'noise-0002', type: 'noise_meter' },
      { id: 'charging-0001', type: 'charging_detector' },
    ]);
    expect(generateIdentities({ noise_meter: 0, charging_detector: 0, smoke_detector: 1 }, 'hz')).toEqual([
      { id: 'hz-smoke-0001', type: 'smoke_detector' },
    ]);
  });
});
