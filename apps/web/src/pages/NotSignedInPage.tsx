import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../app/router.tsx';

/** No session: how to get one (a sign-in link from the community office). */
export function NotSignedInPage() {
  const { t } = useTranslation();
  useTitle(t('notSignedIn.title'), t('app.name'));
  return (
    <Result
      status="info"
      title={<h2>{t('notSignedIn.title')}</h2>}
      subTitle={<p style={{ fontSize: '1em', color: 'inherit' }}>{t('notSignedIn.body')}</p>}
    />
  );
}
