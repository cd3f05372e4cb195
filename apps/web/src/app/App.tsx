import type { RotaClient } from '@rota/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useState } from 'react';
import { RotaProvider } from '../api/rota-context.tsx';
import { PreferencesProvider, usePreferences } from './preferences.tsx';
import { Shell } from './Shell.tsx';

/** Ant Design's theme, sized for older eyes and fingers: 16 px text, 44 px targets. */
function Themed({ children }: { children: ReactNode }) {
  const { language, largeText } = usePreferences();
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      componentSize="large"
      // "返回", not "返 回": the spacing reads oddly and breaks the button's accessible name.
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          fontSize: largeText ? 20 : 16,
          fontSizeLG: largeText ? 22 : 18,
          controlHeight: largeText ? 52 : 44,
          controlHeightLG: largeText ? 56 : 48,
          controlHeightSM: 44,
          // Darker than antd's default blue: 7:1 on white for text links and buttons.
          colorPrimary: '#1554ad',
          colorLink: '#1554ad',
          colorInfo: '#1554ad',
          colorError: '#b3261e',
          colorTextSecondary: 'rgba(0, 0, 0, 0.72)',
          colorTextDescription: 'rgba(0, 0, 0, 0.72)',
          // A placeholder often says what an empty field means ("all of my area"): readable.
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
          borderRadius: 8,
        },
        components: {
          // A table's "no data" line is drawn in the disabled grey (2.4:1 on white): it is
          // information, so it gets readable text (5.7:1).
          Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
          // Field names in a record (phone, unit, ...) are as readable as their values.
          Descriptions: { labelColor: 'rgba(0, 0, 0, 0.72)' },
        },
      }}
    >
      <div className={largeText ? 'rota-root rota-large' : 'rota-root'}>{children}</div>
    </ConfigProvider>
  );
}

/** The whole app: server state (TanStack Query), the API client, preferences, the theme. */
export function App({ client, queryClient }: { client: RotaClient; queryClient?: QueryClient }) {
  const [queries] = useState(
    () =>
      queryClient ??
      new QueryClient({
        defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } },
      }),
  );
  return (
    <QueryClientProvider client={queries}>
      <RotaProvider client={client}>
        <PreferencesProvider>
          <Themed>
            <AntApp>
              <Shell />
            </AntApp>
          </Themed>
        </PreferencesProvider>
      </RotaProvider>
    </QueryClientProvider>
  );
}
