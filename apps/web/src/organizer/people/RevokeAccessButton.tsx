import { LogoutOutlined } from '@ant-design/icons';
import { unwrap } from '@rota/client';
import { useMutation } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../api/problem-text.ts';
import { useRota } from '../../api/rota-context.tsx';
import type { Person } from './people-queries.ts';

/**
 * Signs a person out everywhere: ends their sessions and voids their unused sign-in links and
 * their tokens (a lost phone, someone who left), after a confirmation.
 */
export function RevokeAccessButton({ person, compact }: { person: Person; compact?: boolean }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const rota = useRota();
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(
        rota.DELETE('/v1/people/{id}/sessions', {
          params: { path: { id: person.id }, query: { tokens: 'true' } },
        }),
      ),
    onSuccess: (result) => {
      void message.success(
        t('org.people.revoked', {
          name: person.name,
          sessions: result.sessionsEnded,
          links: result.signInLinksRevoked,
          tokens: result.tokensRevoked,
        }),
      );
    },
    onError: (error) => {
      void message.error(problemText(error, t));
    },
  });
  const confirm = () =>
    modal.confirm({
      title: t('org.people.revokeConfirm', { name: person.name }),
      content: t('org.people.revokeHelp'),
      okText: t('org.people.revokeOk'),
      cancelText: t('org.people.revokeKeep'),
      okButtonProps: { danger: true },
      onOk: () => revoke.mutateAsync().catch(() => undefined),
    });
  return (
    <Button
      danger
      icon={<LogoutOutlined aria-hidden />}
      loading={revoke.isPending}
      aria-label={compact ? t('org.people.revokeOf', { name: person.name }) : undefined}
      onClick={confirm}
    >
      {t('org.people.revoke')}
    </Button>
  );
}
