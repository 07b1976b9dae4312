import { useState, type ChangeEvent } from 'react';
import { useT } from '../../i18n/i18n';
import { readScanned, type ScannedContent } from '../../lib/contact-link';
import { decodeQr, imageFilePixels } from '../../lib/qr-code';
import { navigate } from '../../lib/router';
import { Header } from '../../ui/header';
import { Icon } from '../../ui/icons';
import { Loading } from '../../ui/states';
import { ScanResult } from './scan-result';
import { useCameraScanner, type CameraState } from './use-camera-scanner';

const cameraMessages: Record<Exclude<CameraState, 'scanning' | 'off'>, 'scan.starting' | 'scan.denied' | 'scan.noCamera' | 'scan.failed'> = {
  starting: 'scan.starting',
  denied: 'scan.denied',
  'no-camera': 'scan.noCamera',
  failed: 'scan.failed',
};

/**
 * Scan (扫一扫): reads QR codes from the camera or a chosen picture. A Tessera contact link opens
 * the person's profile; a web address is shown with a link to open it (never opened by itself);
 * anything else is shown as text to copy.
 */
export function ScanScreen() {
  const t = useT();
  const [result, setResult] = useState<Exclude<ScannedContent, { kind: 'contact' }> | null>(null);
  const [pictureError, setPictureError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);

  const handle = (text: string) => {
    const content = readScanned(text, window.location.origin);
    if (content.kind === 'contact') navigate(`/u/${encodeURIComponent(content.handle)}`, { replace: true });
    else setResult(content);
  };
  const { video, state } = useCameraScanner(result === null, handle);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setPictureError(null);
    setReading(true);
    try {
      const text = await decodeQr(await imageFilePixels(file));
      if (text === null) setPictureError(t('scan.noCode'));
      else handle(text);
    } catch {
      setPictureError(t('scan.badPicture'));
    } finally {
      setReading(false);
    }
  }

  const again = () => {
    setResult(null);
    setPictureError(null);
  };

  return (
    <div className="screen scan-screen">
      <Header title={t('scan.title')} back="/chats" />
      <div className="scroll scan-body">
        {result ? (
          <ScanResult content={result} onAgain={again} />
        ) : (
          <>
            <div className="scan-view">
              <video ref={video} className="scan-video" aria-label={t('scan.cameraLabel')} muted playsInline hidden={state !== 'scanning'} />
              {state === 'scanning' ? <div className="scan-frame" aria-hidden="true" /> : null}
              {state === 'starting' ? (
                <Loading label={t('scan.starting')} />
              ) : state !== 'scanning' && state !== 'off' ? (
                <div className="state" role="alert">
                  <Icon name="alert" size={40} className="state-icon" />
                  <p className="state-title">{t(cameraMessages[state])}</p>
                </div>
              ) : null}
            </div>
            <p className="hint scan-hint">{state === 'scanning' ? t('scan.aim') : t('scan.pictureHint')}</p>
            {reading ? <Loading label={t('scan.reading')} /> : null}
            {pictureError ? (
              <p className="form-error" role="alert">
                {pictureError}
              </p>
            ) : null}
            <label className="button button-secondary scan-picture">
              <Icon name="image" size={20} /> {t('scan.choosePicture')}
              <input type="file" accept="image/*" className="visually-hidden" onChange={(event) => void choose(event)} />
            </label>
          </>
        )}
      </div>
    </div>
  );
}
