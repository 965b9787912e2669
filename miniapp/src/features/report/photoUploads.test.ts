import { ApiError } from '../../api/client';
import { emptyFormValues, newDraft } from './draft';
import { refusedPhotoIndexes, uploadedPhotoIds, withoutUploadedIds, withUploadedId } from './photoUploads';

const draft = newDraft({
  userId: 'u1',
  values: emptyFormValues,
  photos: ['p1', 'p2'].map((ref) => ({ ref, name: `${ref}.jpg`, size: 1, contentType: 'image/jpeg' })),
});

describe('upload ids in a draft', () => {
  it('names the photos only once every one has an id, in photo order', () => {
    const one = withUploadedId(draft, 1, 'b');
    expect(uploadedPhotoIds(one)).toBeUndefined();
    const both = withUploadedId(one, 0, 'a');
    expect(uploadedPhotoIds(both)).toEqual(['a', 'b']);
    expect(withoutUploadedIds(both, [0]).photos).toEqual([
      draft.photos[0],
      { ...draft.photos[1], uploadedId: 'b' },
    ]);
  });
});

describe('refusedPhotoIndexes', () => {
  const refused = (status: number, details: unknown) => new ApiError('unprocessable', 'x', status, details);

  it('reads the photo indexes of a 422 on photoIds and nothing else', () => {
    expect(
      refusedPhotoIndexes(
        refused(422, { fields: [{ path: 'photoIds.2' }, { path: 'photoIds.0' }, { path: 'category' }] }),
      ),
    ).toEqual([2, 0]);
    expect(refusedPhotoIndexes(refused(422, undefined))).toEqual([]);
    expect(refusedPhotoIndexes(refused(400, { fields: [{ path: 'photoIds.0' }] }))).toEqual([]);
  });
});
