import type { RotaClient } from '@rota/client';
import { createContext, type ReactNode, useContext } from 'react';

const RotaContext = createContext<RotaClient | null>(null);

/** Provides the API client (tests pass one over a fake fetch). */
export function RotaProvider({ client, children }: { client: RotaClient; children: ReactNode }) {
  return <RotaContext.Provider value={client}>{children}</RotaContext.Provider>;
}

/** The API client of the nearest RotaProvider. */
export function useRota(): RotaClient {
  const client = useContext(RotaContext);
  if (!client) throw new Error('useRota outside RotaProvider');
  return client;
}
