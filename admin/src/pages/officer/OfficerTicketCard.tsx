import {
  CameraOutlined,
  CheckOutlined,
  CloseOutlined,
  DeleteOutlined,
  EnvironmentOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { metersBetween, photoLimits, type Ticket } from '@jiefang/contracts';
import { Alert, App, Button, Card, Form, Input, Modal, Progress, Space, Tag, Typography, theme } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../../api/errors';
import { ActionFailed } from '../../components/ActionFailed';
import { PhotoGallery } from '../../components/PhotoGallery';
import { SlaCountdown } from '../../components/SlaCountdown';
import { TicketStatusTag } from '../../components/TicketStatusTag';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';
import { addPhotos, amapMarkerUrl, photoAccept } from '../../officer/photos';
import { type LocationSharing } from '../../officer/useLocationSharing';
import { formatDistance } from '../../tickets/geo';
import { priorityColors, priorityLabel } from '../../tickets/labels';
import { useAccept, useCheckIn, useReject, useResolve } from '../../tickets/queries';

export function OfficerTicketCard({ ticket, location }: { ticket: Ticket; location: LocationSharing }) {
  const { token } = theme.useToken();
  const distance = location.fix ? metersBetween(location.fix, ticket.location) : null;

  return (
    <Card
      size="small"
      data-testid={`officer-ticket-${ticket.id}`}
      data-status={ticket.status}
      title={
        <Space size={6} wrap style={{ padding: '4px 0' }}>
          <span>{ticket.categoryName}</span>
          {ticket.priority !== 'normal' && (
            <Tag color={priorityColors[ticket.priority]} style={{ marginInlineEnd: 0 }}>
              {priorityLabel(ticket.priority)}
            </Tag>
          )}
          <TicketStatusTag status={ticket.status} />
        </Space>
      }
    >
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <SlaCountdown ticket={ticket} />
        <Typography.Text strong style={{ fontSize: token.fontSizeLG }}>
          {ticket.address}
        </Typography.Text>
        <Typography.Text type="secondary">
          {[
            ticket.streetName,
            distance !== null ? t('officer.distanceFromMe', { distance: formatDistance(distance) }) : null,
            t('officer.reportedAt', { time: formatTime(ticket.reportedAt) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
        {ticket.description && (
          <Typography.Paragraph style={{ margin: 0 }}>{ticket.description}</Typography.Paragraph>
        )}
        {ticket.photos.length > 0 && <PhotoGallery photos={ticket.photos} size={72} />}
        <TicketActions ticket={ticket} location={location} />
      </Space>
    </Card>
  );
}

function TicketActions({ ticket, location }: { ticket: Ticket; location: LocationSharing }) {
  const navigate = (
    <Button
      href={amapMarkerUrl(ticket.location, ticket.address)}
      target="_blank"
      rel="noopener noreferrer"
      icon={<EnvironmentOutlined />}
      data-testid="officer-navigate"
      title={t('officer.navigateHint')}
      size="large"
      block
    >
      {t('officer.navigate')}
    </Button>
  );
  if (ticket.status === 'assigned') return <AcceptOrReject ticket={ticket} navigate={navigate} />;
  if (ticket.status === 'accepted')
    return <CheckIn ticket={ticket} location={location} navigate={navigate} />;
  if (ticket.status === 'on_site') return <ResolveForm ticket={ticket} />;
  return null;
}

function AcceptOrReject({ ticket, navigate }: { ticket: Ticket; navigate: React.ReactNode }) {
  const accept = useAccept();
  const reject = useReject();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button
          data-testid="officer-accept"
          type="primary"
          size="large"
          icon={<CheckOutlined />}
          loading={accept.isPending}
          style={{ flex: 2 }}
          onClick={() =>
            accept.mutate(ticket.id, { onSuccess: () => void message.success(t('officer.accepted')) })
          }
        >
          {t('officer.accept')}
        </Button>
        <Button
          data-testid="officer-reject"
          danger
          size="large"
          icon={<CloseOutlined />}
          style={{ flex: 1 }}
          onClick={() => setRejecting(true)}
        >
          {t('officer.reject')}
        </Button>
      </div>
      {navigate}
      {accept.isError && <Alert type="error" showIcon message={describeError(accept.error)} />}
      <Modal
        open={rejecting}
        title={t('officer.rejectTitle')}
        okText={t('officer.rejectSubmit')}
        okButtonProps={{ danger: true, loading: reject.isPending, 'data-testid': 'officer-reject-submit' }}
        onOk={() => form.submit()}
        onCancel={() => {
          setRejecting(false);
          reject.reset();
        }}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={({ reason }) =>
            reject.mutate(
              { id: ticket.id, reason: reason.trim() },
              {
                onSuccess: () => {
                  setRejecting(false);
                  void message.info(t('officer.rejected'));
                },
              },
            )
          }
        >
          <Form.Item
            name="reason"
            label={t('officer.rejectReason')}
            rules={[{ required: true, whitespace: true, message: t('officer.rejectReasonRequired') }]}
          >
            <Input.TextArea
              data-testid="officer-reject-reason"
              rows={3}
              maxLength={200}
              placeholder={t('officer.rejectReasonPlaceholder')}
            />
          </Form.Item>
          {reject.isError && <Alert type="error" showIcon message={describeError(reject.error)} />}
        </Form>
      </Modal>
    </Space>
  );
}

function CheckIn({
  ticket,
  location,
  navigate,
}: {
  ticket: Ticket;
  location: LocationSharing;
  navigate: React.ReactNode;
}) {
  const checkIn = useCheckIn();
  const { message } = App.useApp();
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string | null>(null);

  async function run() {
    setLocationError(null);
    checkIn.reset();
    setLocating(true);
    let position;
    try {
      position = await location.currentPosition();
    } catch (error) {
      setLocationError(t('officer.checkInNeedsLocation', { reason: (error as Error).message }));
      return;
    } finally {
      setLocating(false);
    }
    checkIn.mutate(
      { id: ticket.id, point: { lat: position.lat, lng: position.lng } },
      { onSuccess: () => void message.success(t('officer.checkedIn')) },
    );
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <div style={{ display: 'flex', gap: 8 }}>
        <div style={{ flex: 1 }}>{navigate}</div>
        <Button
          data-testid="officer-check-in"
          type="primary"
          size="large"
          icon={<EnvironmentOutlined />}
          loading={locating || checkIn.isPending}
          style={{ flex: 1 }}
          onClick={() => void run()}
        >
          {locating ? t('officer.checkingIn') : t('officer.checkIn')}
        </Button>
      </div>
      {locationError && (
        <Alert data-testid="officer-check-in-error" type="warning" showIcon message={locationError} />
      )}
      <ActionFailed mutation={checkIn} messageKey="officer.checkInFailed" testId="officer-check-in-error" />
    </Space>
  );
}

interface Preview {
  file: File;
  url: string;
}

function ResolveForm({ ticket }: { ticket: Ticket }) {
  const resolve = useResolve();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [touched, setTouched] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const previews: Preview[] = useMemo(
    () => photos.map((file) => ({ file, url: URL.createObjectURL(file) })),
    [photos],
  );
  useEffect(() => () => previews.forEach((preview) => URL.revokeObjectURL(preview.url)), [previews]);

  const noteMissing = note.trim() === '';
  const photosMissing = photos.length === 0;

  function pick(files: FileList | null) {
    if (!files) return;
    const result = addPhotos(photos, [...files]);
    setPhotos(result.photos);
    setProblems(result.problems);
    if (input.current) input.current.value = '';
  }

  function submit() {
    setTouched(true);
    if (noteMissing || photosMissing) return;
    setProgress(0);
    resolve.mutate(
      {
        id: ticket.id,
        note: note.trim(),
        photos,
        onProgress: (fraction) => setProgress(Math.round(fraction * 100)),
      },
      {
        onSuccess: () => void message.success(t('officer.resolved')),
        onSettled: () => setProgress(null),
      },
    );
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      <Typography.Text strong>{t('officer.resolve')}</Typography.Text>
      <Input.TextArea
        data-testid="officer-resolve-note"
        aria-label={t('officer.resolveNote')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        rows={3}
        maxLength={500}
        showCount
        status={touched && noteMissing ? 'error' : undefined}
        placeholder={t('officer.resolveNotePlaceholder')}
        disabled={resolve.isPending}
      />
      {touched && noteMissing && (
        <Typography.Text type="danger">{t('officer.resolveNoteRequired')}</Typography.Text>
      )}

      <Typography.Text type="secondary">{t('officer.resolvePhotos')}</Typography.Text>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {previews.map((preview, index) => (
          <div key={preview.url} style={{ position: 'relative', width: 72, height: 72 }}>
            <img
              src={preview.url}
              alt={preview.file.name}
              style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: token.borderRadius }}
            />
            <Button
              size="small"
              shape="circle"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('officer.removePhoto', { index: index + 1 })}
              disabled={resolve.isPending}
              onClick={() => setPhotos(photos.filter((file) => file !== preview.file))}
              style={{ position: 'absolute', top: -8, right: -8 }}
            />
          </div>
        ))}
        {photos.length < photoLimits.maxCount && (
          <Button
            icon={<CameraOutlined />}
            style={{ height: 72, minWidth: 72 }}
            disabled={resolve.isPending}
            onClick={() => input.current?.click()}
          >
            {t('officer.addPhotos')}
          </Button>
        )}
        <input
          ref={input}
          data-testid="officer-resolve-photos"
          type="file"
          accept={photoAccept}
          multiple
          hidden
          onChange={(event) => pick(event.target.files)}
        />
      </div>
      {touched && photosMissing && (
        <Typography.Text type="danger">{t('officer.photosRequired')}</Typography.Text>
      )}
      {problems.map((problem) => (
        <Typography.Text key={problem} type="warning">
          {problem}
        </Typography.Text>
      ))}

      {progress !== null && (
        <Progress
          data-testid="officer-resolve-progress"
          percent={progress}
          status="active"
          format={(percent) => t('officer.uploading', { percent: percent ?? 0 })}
        />
      )}
      <ActionFailed mutation={resolve} messageKey="officer.resolveFailed" />
      <Button
        data-testid="officer-resolve-submit"
        type="primary"
        size="large"
        block
        icon={<SendOutlined />}
        loading={resolve.isPending}
        onClick={submit}
      >
        {t('officer.resolveSubmit')}
      </Button>
    </Space>
  );
}
