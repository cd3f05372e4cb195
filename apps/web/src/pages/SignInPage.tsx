import { RotaProblem, type Schemas, unwrap } from '@rota/client';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRota } from '../api/rota-context.tsx';
import { navigate } from '../app/router.tsx';

type Outcome =
  | { state: 'working' }
  | { state: 'done'; session: Schemas['Session'] }
  | { state: 'failed'; message: string };

// A code is exchanged once per page load, even when React runs the effect twice (StrictMode):
// the second exchange of a single-use code would fail.
const exchanges = new Map<string, Promise<Schemas['Session']>>();

/**
 * `/sign-in#code=...`: exchanges the one-time code for a session (the cookie), removes the
 * code from the address bar and history, and opens the app. The code is in the fragment, so
 * it never reaches the server's logs; it is sent once, in the body of POST /v1/sessions.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const rota = useRota();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'working' });

  useEffect(() => {
    const code = new URLSearchParams(window.location.hash.slice(1)).get('code');
    if (!code) {
      setOutcome({ state: 'failed', message: t('signIn.noCode') });
      return;
    }
    let exchange = exchanges.get(code);
    if (!exchange) {
      exchange = unwrap(rota.POST('/v1/sessions', { body: { code } }));
      exchanges.set(code, exchange);
    }
    exchange.then(
      async (session) => {
        // The code is spent: keep it out of the history and the address bar.
        window.history.replaceState(null, '', '/sign-in');
        await queryClient.cancelQueries({ queryKey: ['me'] });
        queryClient.setQueryData(['me'], session);
        setOutcome({ state: 'done', session });
        navigate(session.role === 'volunteer' ? '/' : '/organizer', { replace: true });
      },
      (error: unknown) => {
        const reason =
          error instanceof RotaProblem ? (error.problem as { reason?: string }).reason : undefined;
        const known = reason === 'unknown' || reason === 'used' || reason === 'expired';
        setOutcome({
          state: 'failed',
          message: known ? t(`signIn.${reason}`) : t('errors.network'),
        });
      },
    );
  }, [rota, queryClient, t]);

  if (outcome.state === 'failed') {
    return (
      <Result
        status="warning"
        title={<h2>{t('signIn.failed')}</h2>}
        subTitle={<p style={{ fontSize: '1em', color: 'inherit' }}>{outcome.message}</p>}
        extra={<Button onClick={() => navigate('/', { replace: true })}>{t('app.back')}</Button>}
      />
    );
  }
  return (
    <div style={{ padding: 48, textAlign: 'center' }} aria-live="polite">
      <Spin />
      <p>{t('signIn.working')}</p>
    </div>
  );
}
