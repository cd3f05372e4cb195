import type { Schemas } from '@rota/client';
import { Alert, Card, Empty, Spin, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemText } from '../api/problem-text.ts';
import { useHours } from '../api/queries.ts';
import { useTitle } from '../app/router.tsx';
import { formatMinutes } from '../format/duration.ts';
import { shiftWhen } from '../format/shift-time.ts';

/** "My hours": this year's total and the list. */
export function MyHoursPage({ me }: { me: Schemas['Me'] }) {
  const { t, i18n } = useTranslation();
  useTitle(t('hours.title'), t('app.name'));
  const year = new Date().getFullYear();
  const from = new Date(year, 0, 1).toISOString();
  const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000).toISOString();
  const hours = useHours(me.personId, from, to);
  if (hours.isPending) return <Spin />;
  if (hours.isError) return <Alert type="error" role="alert" title={problemText(hours.error, t)} />;
  return (
    <section aria-labelledby="hours-title">
      <h2 id="hours-title">{t('hours.title')}</h2>
      <Card className="rota-card">
        <Statistic
          title={t('hours.thisYear', { year })}
          value={formatMinutes(hours.data.totalMinutes, t)}
        />
      </Card>
      <h3 style={{ fontSize: '1.125em' }}>{t('hours.list')}</h3>
      {hours.data.items.length === 0 ? (
        <Empty description={t('hours.none')} />
      ) : (
        <ul className="rota-facts">
          {hours.data.items.map((item) => (
            <li key={item.signupId}>
              <Card className="rota-card" size="small" style={{ width: '100%' }}>
                <strong>{item.eventTitle}</strong>
                <div>{shiftWhen(item.start, item.start, i18n.language).replace(/–.*$/, '')}</div>
                <div>{formatMinutes(item.minutes, t)}</div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
