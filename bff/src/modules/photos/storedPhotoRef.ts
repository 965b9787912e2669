/** How a stored photo is referred to from a document (a ticket, a submission, a resolution): it and its thumbnail. */
export interface StoredPhotoRef {
  id: string;
  thumbnailId: string;
}
