import type { Member, Message } from '@tessera/protocol';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useAppState, useClient } from '../../app-context';
import { displayName, messagePreview } from '../../data/names';
import { useT } from '../../i18n/i18n';
import { Icon } from '../../ui/icons';
import { Modal } from '../../ui/sheet';
import { RedPacketComposer } from '../pay/red-packet-composer';
import { TransferComposer } from '../pay/transfer-composer';
import { AttachmentButtons } from './attachments';
import { emoji } from './emoji';

interface Mention {
  userId: string;
  label: string;
}

/** The input bar: text with emoji, quote preview, @mentions in groups, attachments, transfers and red packets. */
export function Composer({
  conversationId,
  group,
  peerId,
  memberCount,
  members,
  quote,
  onCancelQuote,
}: {
  conversationId: string;
  group: boolean;
  /** The other person of a direct chat: transfers go to them. */
  peerId: string | null;
  memberCount: number;
  members: Member[];
  quote: Message | null;
  onCancelQuote: () => void;
}) {
  const t = useT();
  const client = useClient();
  const state = useAppState((current) => current);
  const [text, setText] = useState('');
  const [panel, setPanel] = useState<'none' | 'emoji' | 'more'>('none');
  const [picking, setPicking] = useState(false);
  const [paying, setPaying] = useState<'transfer' | 'red_packet' | null>(null);
  const mentions = useRef<Mention[]>([]);
  const input = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const selfId = state.self?.id ?? '';
  const canMentionAll = members.some((member) => member.userId === selfId && member.role !== 'member');

  function insert(value: string) {
    const element = input.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    pendingCaret.current = start + value.length;
    setText(text.slice(0, start) + value + text.slice(end));
  }

  // The caret goes after inserted text in the same commit, before the next key can land elsewhere.
  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret === null || !input.current) return;
    pendingCaret.current = null;
    input.current.focus();
    input.current.setSelectionRange(caret, caret);
  }, [text]);

  function send() {
    const body = text.trim();
    if (!body) return;
    const ids = mentions.current.filter((mention) => text.includes(`@${mention.label}`)).map((mention) => mention.userId);
    void client.chat.send(conversationId, { kind: 'text', body: { text: body } }, {
      ...(quote ? { quoteSeq: quote.seq } : {}),
      ...(ids.length > 0 ? { mentions: [...new Set(ids)] } : {}),
    });
    setText('');
    mentions.current = [];
    onCancelQuote();
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  function pick(mention: Mention) {
    setPicking(false);
    mentions.current.push(mention);
    // The "@" that opened the picker is already typed.
    insert(`${mention.label} `);
  }

  return (
    <div className="composer-wrap">
      {quote ? (
        <div className="composer-quote">
          <span>
            {displayName(state, quote.senderId)}: {messagePreview(quote, state, selfId)}
          </span>
          <button type="button" className="icon-button" aria-label={t('message.cancelQuote')} onClick={onCancelQuote}>
            <Icon name="close" size={16} />
          </button>
        </div>
      ) : null}
      <div className="composer">
        <textarea
          ref={input}
          className="composer-input"
          rows={1}
          aria-label={t('message.placeholder')}
          placeholder={t('message.placeholder')}
          value={text}
          maxLength={8000}
          onChange={(event) => {
            const value = event.target.value;
            setText(value);
            if (value.length > text.length) client.chat.typing(conversationId);
            const caret = event.target.selectionStart;
            if (group && value.length === text.length + 1 && value[caret - 1] === '@') setPicking(true);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setPanel('none')}
        />
        <button type="button" className="icon-button" aria-label={t('message.emoji')} aria-expanded={panel === 'emoji'} onClick={() => setPanel(panel === 'emoji' ? 'none' : 'emoji')}>
          <Icon name="emoji" />
        </button>
        {text.trim() ? (
          <button type="button" className="button button-primary button-send" onClick={send}>
            {t('message.send')}
          </button>
        ) : (
          <button type="button" className="icon-button" aria-label={t('message.attach')} aria-expanded={panel === 'more'} onClick={() => setPanel(panel === 'more' ? 'none' : 'more')}>
            <Icon name="add" />
          </button>
        )}
      </div>
      {panel === 'emoji' ? (
        <div className="emoji-panel" role="group" aria-label={t('message.emoji')}>
          {emoji.map((symbol) => (
            <button key={symbol} type="button" className="emoji" aria-label={symbol} onClick={() => insert(symbol)}>
              {symbol}
            </button>
          ))}
        </div>
      ) : null}
      {panel === 'more' ? (
        <AttachmentButtons
          conversationId={conversationId}
          canTransfer={!group && peerId !== null}
          onPayment={(kind) => {
            setPanel('none');
            setPaying(kind);
          }}
          onDone={() => setPanel('none')}
        />
      ) : null}
      {paying === 'transfer' && peerId ? <TransferComposer conversationId={conversationId} peerId={peerId} onClose={() => setPaying(null)} /> : null}
      {paying === 'red_packet' ? <RedPacketComposer conversationId={conversationId} group={group} memberCount={memberCount} onClose={() => setPaying(null)} /> : null}
      {picking ? (
        <Modal label={t('message.mentionPicker')} onClose={() => setPicking(false)}>
          <h2 className="sheet-title">{t('message.mentionPicker')}</h2>
          <div className="sheet-actions" role="menu">
            {canMentionAll ? (
              <button type="button" role="menuitem" className="sheet-action" onClick={() => pick({ userId: 'all', label: t('message.mentionAll') })}>
                {t('message.mentionAll')}
              </button>
            ) : null}
            {members
              .filter((member) => member.userId !== selfId)
              .map((member) => {
                const label = displayName(state, member.userId);
                return (
                  <button key={member.userId} type="button" role="menuitem" className="sheet-action" onClick={() => pick({ userId: member.userId, label })}>
                    {label}
                  </button>
                );
              })}
          </div>
        </Modal>
      ) : null}
    </div>
  );
}
