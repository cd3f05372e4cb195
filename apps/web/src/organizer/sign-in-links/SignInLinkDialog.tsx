import { CopyOutlined } from '@ant-design/icons';
import { idempotent, unwrap } from '@rota/client';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Modal, QRCode, Spin } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../api/problem-text.ts';
import { useRota } from '../../api/rota-context.tsx';
import './sign-in-link.css';

/** Whom the link signs in: a person (as a volunteer) or a unit (as its organizer). */
export type SignInLinkTarget = { personId: string } | { unitId: string };

/** The link as someone opens it: the API answers a path on this server. */
export function absoluteLink(url: string, origin: string = window.location.origin): string {
  return new URL(url, origin).toString();
}

/**
 * Creates a one-time sign-in link when opened and shows it as a QR code to scan at the desk,
 * with the link to copy and send. The code is shown only now (the server keeps its hash), so
 * closing and opening again makes a new link.
 */
export function SignInLinkDialog({
  target,
  name,
  open,
  onClose,
}: {
  target: SignInLinkTarget;
  name: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const rota = useRota();
  const ids = { title: useId(), url: useId() };
  const [copied, setCopied] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        rota.POST('/v1/sign-in-links', {
          params: { header: idempotent() },
          body: target,
        }),
      ),
  });
  const { mutate, reset } = create;
  const targetKey = 'personId' in target ? `p:${target.personId}` : `u:${target.unitId}`;

  // One link per opening: StrictMode runs effects twice, and a second link's code would be a
  // live credential nobody ever sees.
  const madeFor = useRef<string | null>(null);
  useEffect(() => {
    if (!open) {
      madeFor.current = null;
      return;
    }
    if (madeFor.current === targetKey) return;
    madeFor.current = targetKey;
    setCopied(false);
    reset();
    mutate();
  }, [open, targetKey, mutate, reset]);

  const forUnit = 'unitId' in target;
  const title = t(forUnit ? 'org.signInLink.titleUnit' : 'org.signInLink.titlePerson', { name });
  const link = create.data ? absoluteLink(create.data.url) : undefined;
  const expires = create.data
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(
        new Date(create.data.expiresAt),
      )
    : '';

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={<span id={ids.title}>{title}</span>}
      footer={[
        <Button key="again" onClick={() => mutate()} disabled={create.isPending}>
          {t('org.signInLink.again')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose}>
          {t('org.signInLink.close')}
        </Button>,
      ]}
      destroyOnHidden
    >
      {create.isPending && (
        <p>
          <Spin /> {t('org.signInLink.creating')}
        </p>
      )}
      {create.isError && <Alert type="error" role="alert" title={problemText(create.error, t)} />}
      {link && (
        <div data-testid="sign-in-link">
          <p>
            {t(forUnit ? 'org.signInLink.helpUnit' : 'org.signInLink.helpPerson', {
              name,
              expires,
            })}
          </p>
          <figure style={{ margin: '0 0 12px' }}>
            <QRCode value={link} size={220} bordered={false} aria-label={t('org.signInLink.qr')} />
            <figcaption>{t('org.signInLink.qr')}</figcaption>
          </figure>
          <label htmlFor={ids.url} style={{ fontWeight: 600 }}>
            {t('org.signInLink.url')}
          </label>
          <input
            id={ids.url}
            className="rota-link-field"
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button
            icon={<CopyOutlined aria-hidden />}
            style={{ marginTop: 8 }}
            onClick={async () => {
              await navigator.clipboard?.writeText(link).catch(() => undefined);
              setCopied(true);
            }}
          >
            {copied ? t('org.signInLink.copied') : t('org.signInLink.copy')}
          </Button>
        </div>
      )}
    </Modal>
  );
}
