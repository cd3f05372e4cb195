import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../i18n/i18n.ts';

const LARGE_TEXT_KEY = 'rota.largeText';

interface Preferences {
  language: Language;
  toggleLanguage(): void;
  largeText: boolean;
  toggleLargeText(): void;
}

const PreferencesContext = createContext<Preferences | null>(null);

/** The reader's choices, kept on this device: language and larger text. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [largeText, setLargeText] = useState(
    () => globalThis.localStorage?.getItem(LARGE_TEXT_KEY) === '1',
  );
  const toggleLanguage = useCallback(() => {
    void setLanguage(language === 'en' ? 'zh-CN' : 'en');
  }, [language]);
  const toggleLargeText = useCallback(() => {
    setLargeText((large) => {
      globalThis.localStorage?.setItem(LARGE_TEXT_KEY, large ? '0' : '1');
      return !large;
    });
  }, []);
  const value = useMemo(
    () => ({ language, toggleLanguage, largeText, toggleLargeText }),
    [language, toggleLanguage, largeText, toggleLargeText],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}
