import { type PhotoRef } from '@jiefang/contracts';
import { Image, Space, Typography } from 'antd';
import { t, type MessageKey } from '../i18n';

/** Thumbnails that open the full photo (with the group's others) on click. */
export function PhotoGallery({
  photos,
  altKey = 'detail.photoAlt',
  size = 96,
}: {
  photos: readonly PhotoRef[];
  altKey?: MessageKey;
  size?: number;
}) {
  if (photos.length === 0) return <Typography.Text type="secondary">{t('detail.noPhotos')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space size={8} wrap>
        {photos.map((photo, index) => (
          <Image
            key={photo.id}
            src={photo.thumbnailUrl}
            preview={{ src: photo.url }}
            alt={t(altKey, { index: index + 1 })}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 6 }}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
