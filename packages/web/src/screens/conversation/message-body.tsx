import type { MessageKind, RedPacketMessageBody, TransferMessageBody } from '@tessera/protocol';
import { useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { Icon } from '../../ui/icons';
import { RedPacketCard, TransferCard, type PaymentTarget } from '../pay/payment-cards';
import { VoicePlayer } from './voice-player';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function saveAs(url: string, name: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) return;
  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
}

/** What is inside a bubble, by message kind. */
export function MessageBody({
  kind,
  body,
  onOpenImage,
  onOpenPayment,
}: {
  kind: MessageKind;
  body: Record<string, unknown>;
  onOpenImage: (mediaId: string) => void;
  onOpenPayment: (target: PaymentTarget) => void;
}) {
  const t = useT();
  const client = useClient();
  switch (kind) {
    case 'text':
      return <span className="message-text">{String(body.text ?? '')}</span>;
    case 'image': {
      const mediaId = String(body.mediaId ?? '');
      const width = Number(body.width) || 240;
      const height = Number(body.height) || 180;
      const scale = Math.min(1, 200 / Math.max(width, height));
      return (
        <button type="button" className="image-button" aria-label={t('message.image')} onClick={() => onOpenImage(mediaId)}>
          <img src={client.rest.mediaUrl(mediaId, 'thumbnail')} alt={t('message.image')} width={Math.round(width * scale)} height={Math.round(height * scale)} loading="lazy" />
        </button>
      );
    }
    case 'file': {
      const mediaId = String(body.mediaId ?? '');
      const name = String(body.name ?? 'file');
      return (
        <a
          className="file-card"
          href={client.rest.mediaUrl(mediaId)}
          download={name}
          rel="noreferrer"
          onClick={(event) => {
            // The server names downloads by content id; save under the sender's file name instead.
            event.preventDefault();
            void saveAs(event.currentTarget.href, name);
          }}
        >
          <span className="file-text">
            <span className="file-name">{name}</span>
            {typeof body.size === 'number' ? <span className="file-size">{formatSize(body.size)}</span> : null}
          </span>
          <Icon name="file" size={36} className="file-icon" />
          <span className="visually-hidden">{t('message.file')}</span>
        </a>
      );
    }
    case 'voice':
      return <VoicePlayer src={client.rest.mediaUrl(String(body.mediaId ?? ''))} durationMs={Number(body.durationMs) || 0} />;
    case 'transfer':
      return <TransferCard body={body as unknown as TransferMessageBody} onOpen={onOpenPayment} />;
    case 'red_packet':
      return <RedPacketCard body={body as unknown as RedPacketMessageBody} onOpen={onOpenPayment} />;
    case 'system':
      return null;
  }
}
