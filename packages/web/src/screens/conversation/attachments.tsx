import { useRef, useState } from 'react';
import { useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { errorMessage } from '../../ui/error-message';
import { Icon } from '../../ui/icons';
import { VoiceRecorder } from './voice-recorder';
import { ImageInput } from '../../ui/image-input';

function imageSize(file: Blob): Promise<{ width: number; height: number } | null> {
  return createImageBitmap(file).then(
    (bitmap) => {
      const size = { width: bitmap.width, height: bitmap.height };
      bitmap.close();
      return size;
    },
    () => null,
  );
}

/** The "+" panel: send a photo, a file or a voice message; start a transfer (direct chats) or a red packet. */
export function AttachmentButtons({
  conversationId,
  canTransfer,
  onPayment,
  onDone,
}: {
  conversationId: string;
  canTransfer: boolean;
  onPayment: (kind: 'transfer' | 'red_packet') => void;
  onDone: () => void;
}) {
  const t = useT();
  const client = useClient();
  const imageInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(task: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await task();
      onDone();
    } catch (caught) {
      setError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  }

  const sendImage = (file: File) =>
    run(async () => {
      const [uploaded, size] = await Promise.all([client.rest.upload('image', file), imageSize(file)]);
      const width = uploaded.width ?? size?.width;
      const height = uploaded.height ?? size?.height;
      await client.chat.send(conversationId, {
        kind: 'image',
        body: { mediaId: uploaded.id, ...(width ? { width } : {}), ...(height ? { height } : {}) },
      });
    });

  const sendFile = (file: File) =>
    run(async () => {
      const uploaded = await client.rest.upload('file', file);
      await client.chat.send(conversationId, { kind: 'file', body: { mediaId: uploaded.id, name: file.name.slice(0, 255) || 'file', size: file.size } });
    });

  const sendVoice = (blob: Blob, durationMs: number) =>
    run(async () => {
      const uploaded = await client.rest.upload('voice', blob);
      await client.chat.send(conversationId, { kind: 'voice', body: { mediaId: uploaded.id, durationMs } });
    });

  return (
    <div className="attach-panel">
      <button type="button" className="attach-button" disabled={busy} onClick={() => imageInput.current?.click()}>
        <span className="attach-icon">
          <Icon name="image" size={28} />
        </span>
        {t('message.image').replace(/[[\]]/g, '')}
      </button>
      <button type="button" className="attach-button" disabled={busy} onClick={() => fileInput.current?.click()}>
        <span className="attach-icon">
          <Icon name="file" size={28} />
        </span>
        {t('message.file').replace(/[[\]]/g, '')}
      </button>
      {canTransfer ? (
        <button type="button" className="attach-button" disabled={busy} onClick={() => onPayment('transfer')}>
          <span className="attach-icon">
            <Icon name="transfer" size={28} />
          </span>
          {t('transfer.title')}
        </button>
      ) : null}
      <button type="button" className="attach-button" disabled={busy} onClick={() => onPayment('red_packet')}>
        <span className="attach-icon attach-icon-red">
          <Icon name="redPacket" size={28} />
        </span>
        {t('redPacket.title')}
      </button>
      <VoiceRecorder disabled={busy} onRecorded={(blob, durationMs) => void sendVoice(blob, durationMs)} onError={setError} />
      <ImageInput ref={imageInput} label={t('message.image')} onPick={(file) => void sendImage(file)} />
      <input
        ref={fileInput}
        type="file"
        hidden
        aria-label={t('message.file')}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void sendFile(file);
        }}
      />
      {busy ? <span className="spinner" role="status" aria-label={t('common.loading')} /> : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
