import { ApiError } from '../../api/client';
import {
  resolvePercent,
  sendResolution,
  type AfterPhoto,
  type ResolveIo,
  type ResolveProgress,
} from './resolution';
import { ticketFixture } from './testFixtures';

const photo = (ref: string, uploadedId?: string): AfterPhoto => ({
  ref,
  name: `${ref}.jpg`,
  contentType: 'image/jpeg',
  size: 1000,
  url: ref,
  ...(uploadedId ? { uploadedId } : {}),
});

function io(resolve: ResolveIo['resolve']) {
  const uploaded: Array<[number, string | undefined]> = [];
  const progress: ResolveProgress[] = [];
  const sentPhotos: string[] = [];
  const value: ResolveIo = {
    uploadPhoto: async (p, onProgress) => {
      onProgress(500, 1000);
      sentPhotos.push(p.ref);
      return `id-${p.ref}`;
    },
    resolve,
    onUploaded: (index, id) => uploaded.push([index, id]),
    onProgress: (p) => progress.push(p),
  };
  return { value, uploaded, progress, sentPhotos };
}

describe('sendResolution', () => {
  it('uploads the photos not yet uploaded, one by one with progress, then resolves naming them all', async () => {
    const resolve = jest.fn(async () => ticketFixture({ status: 'resolved' }));
    const run = io(resolve);
    await sendResolution('已劝离', [photo('a', 'id-kept'), photo('b')], run.value);
    expect(run.sentPhotos).toEqual(['b']);
    expect(resolve).toHaveBeenCalledWith('已劝离', ['id-kept', 'id-b']);
    expect(run.uploaded).toEqual([[1, 'id-b']]);
    expect(run.progress.map(resolvePercent)).toEqual([45, 68, 95]);
  });

  it('forgets the uploads the BFF refused, so that the retry uploads them again', async () => {
    const refused = new ApiError('unprocessable', '照片已过期', 422, {
      fields: [{ path: 'photoIds.1', message: 'id-b' }],
    });
    const run = io(async () => {
      throw refused;
    });
    await expect(sendResolution('已劝离', [photo('a'), photo('b')], run.value)).rejects.toBe(refused);
    expect(run.uploaded).toEqual([
      [0, 'id-a'],
      [1, 'id-b'],
      [1, undefined],
    ]);
  });
});
