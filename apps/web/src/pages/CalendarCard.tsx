import {
  CalendarOutlined,
  CopyOutlined,
  DownloadOutlined,
  QrcodeOutlined,
} from '@ant-design/icons';
import { Button, Card, QRCode } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePerson } from '../api/queries.ts';

/**
 * "Add to my calendar": the personal feed (confirmed shifts as iCalendar) as a subscription
 * link (webcal:), a QR code of it, and a one-off .ics download. The feed key in the URL is
 * the credential: calendar apps cannot sign in.
 */
export function CalendarCard({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const person = usePerson(personId);
  const [showQr, setShowQr] = useState(false);
  const [copied, setCopied] = useState(false);
  if (!person.data) return null;
  const path = `/v1/people/${encodeURIComponent(personId)}/calendar.ics?key=${encodeURIComponent(person.data.feedKey)}`;
  const feed = `${window.location.origin}${path}`;
  const webcal = feed.replace(/^https?:/, 'webcal:');
  return (
    <Card className="rota-card" title={<h3 style={{ margin: 0 }}>{t('calendar.title')}</h3>}>
      <p>{t('calendar.help')}</p>
      <div className="rota-actions">
        <Button type="primary" icon={<CalendarOutlined aria-hidden />} href={webcal}>
          {t('calendar.subscribe')}
        </Button>
        <Button icon={<DownloadOutlined aria-hidden />} href={path} download="rota.ics">
          {t('calendar.download')}
        </Button>
        <Button
          icon={<CopyOutlined aria-hidden />}
          onClick={async () => {
            await navigator.clipboard?.writeText(feed).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? t('calendar.copied') : t('calendar.copy')}
        </Button>
        <Button
          icon={<QrcodeOutlined aria-hidden />}
          aria-expanded={showQr}
          onClick={() => setShowQr((shown) => !shown)}
        >
          {t('calendar.showQr')}
        </Button>
      </div>
      {showQr && (
        <figure style={{ margin: '12px 0 0' }}>
          <QRCode value={feed} size={200} bordered={false} aria-label={t('calendar.qr')} />
          <figcaption>{t('calendar.qr')}</figcaption>
        </figure>
      )}
      <p className="rota-feed-url">
        <a href={path} data-testid="feed-link">
          {feed}
        </a>
      </p>
    </Card>
  );
}
