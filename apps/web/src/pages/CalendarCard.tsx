import {
  CalendarOutlined,
  CopyOutlined,
  DownloadOutlined,
  LinkOutlined,
  QrcodeOutlined,
} from '@ant-design/icons';
import { unwrap } from '@rota/client';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, QRCode } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../api/problem-text.ts';
import { useRota } from '../api/rota-context.tsx';

/**
 * "Add to my calendar": the personal feed (confirmed shifts as iCalendar) as a subscription
 * link (webcal:), a QR code of it, and a one-off .ics download. The feed key in the URL is
 * the credential (calendar apps cannot sign in), and the server keeps only its hash: the link
 * exists only in the answer that makes it. So the card offers to get the link, which makes a
 * new key and ends the previous one (the card says so first), and keeps it while it is shown.
 */
export function CalendarCard({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const rota = useRota();
  const [showQr, setShowQr] = useState(false);
  const [copied, setCopied] = useState(false);
  const link = useMutation({
    mutationFn: () =>
      unwrap(rota.POST('/v1/people/{id}/feed-key', { params: { path: { id: personId } } })),
    onSuccess: () => setCopied(false),
  });
  const path = link.data?.feedUrl;

  const title = <h3 style={{ margin: 0 }}>{t('calendar.title')}</h3>;
  if (path === undefined) {
    return (
      <Card className="rota-card" title={title}>
        <p>{t('calendar.help')}</p>
        <p>{t('calendar.newLinkWarning')}</p>
        {link.isError && <Alert type="error" role="alert" title={problemText(link.error, t)} />}
        <div className="rota-actions">
          <Button
            type="primary"
            icon={<LinkOutlined aria-hidden />}
            loading={link.isPending}
            onClick={() => link.mutate()}
          >
            {t('calendar.getLink')}
          </Button>
        </div>
      </Card>
    );
  }
  const feed = `${window.location.origin}${path}`;
  const webcal = feed.replace(/^https?:/, 'webcal:');
  return (
    <Card className="rota-card" title={title}>
      <p>{t('calendar.help')}</p>
      <p>{t('calendar.keepPrivate')}</p>
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
