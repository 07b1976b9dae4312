import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import type { ScannedContent } from '../../lib/contact-link';

/** A scanned code that is not a contact: a web address to open on request, or text to copy. */
export function ScanResult({ content, onAgain }: { content: Exclude<ScannedContent, { kind: 'contact' }>; onAgain: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState<boolean | null>(null);
  const text = content.kind === 'url' ? content.url : content.text;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className="card scan-result">
      <h2 className="scan-result-title">{content.kind === 'url' ? t('scan.urlTitle') : t('scan.textTitle')}</h2>
      <p className="scan-result-text" data-testid="scanned-text">
        {text}
      </p>
      {content.kind === 'url' ? <p className="hint">{t('scan.urlWarning')}</p> : null}
      <div className="scan-result-actions">
        {content.kind === 'url' ? (
          <a className="button button-primary" href={content.url} target="_blank" rel="noopener noreferrer">
            {t('scan.open')}
          </a>
        ) : null}
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          {t('scan.copy')}
        </button>
        <button type="button" className="button button-secondary" onClick={onAgain}>
          {t('scan.again')}
        </button>
      </div>
      {copied === null ? null : (
        <p className="hint" role="status">
          {copied ? t('scan.copied') : t('scan.copyFailed')}
        </p>
      )}
    </div>
  );
}
