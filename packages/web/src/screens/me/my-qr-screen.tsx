import { useEffect, useState } from 'react';
import { useAppState } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { contactLink } from '../../lib/contact-link';
import { qrPath } from '../../lib/qr-code';
import { Avatar } from '../../ui/avatar';
import { errorMessage } from '../../ui/error-message';
import { Header } from '../../ui/header';
import { ErrorState, Loading } from '../../ui/states';

/** Quiet zone around the code, in modules: scanners need a light margin to find it. */
const quiet = 4;

/** The user's QR code: a link to their profile on this server, for others to scan and add them. */
export function MyQrScreen() {
  const t = useT();
  const self = useAppState((state) => state.self);
  const link = self ? contactLink(window.location.origin, self.handle) : null;
  const [code, setCode] = useState<{ path: string; size: number; link: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!link) return;
    let live = true;
    qrPath(link).then(
      (drawn) => live && setCode({ ...drawn, link }),
      (caught: unknown) => live && setError(errorMessage(caught, t)),
    );
    return () => {
      live = false;
    };
  }, [link, t]);

  const name = self ? self.nickname || self.handle : '';
  return (
    <div className="screen">
      <Header title={t('qr.mine')} back="/me" />
      <div className="scroll padded">
        {error ? (
          <ErrorState message={error} />
        ) : !self || !code || code.link !== link ? (
          <Loading />
        ) : (
          <div className="card qr-card">
            <div className="profile-head">
              <Avatar name={name} seed={self.id} mediaId={self.avatarMediaId} size={56} />
              <div>
                <div className="profile-name">{name}</div>
                <div className="profile-meta">{t('contacts.tesseraId', { handle: self.handle })}</div>
              </div>
            </div>
            <svg
              className="qr-code"
              role="img"
              aria-label={t('qr.imageLabel', { name })}
              data-link={code.link}
              viewBox={`${-quiet} ${-quiet} ${code.size + quiet * 2} ${code.size + quiet * 2}`}
              shapeRendering="crispEdges"
            >
              <rect x={-quiet} y={-quiet} width={code.size + quiet * 2} height={code.size + quiet * 2} fill="#fff" />
              <path d={code.path} fill="#000" />
            </svg>
            <p className="hint">{t('qr.scanToAdd')}</p>
          </div>
        )}
      </div>
    </div>
  );
}
