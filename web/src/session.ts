import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { createContext, useContext } from 'react';
import { api, fetchMe, type Me, call } from './api';
import type { Role } from './labels';

export const ME_KEY = ['me'];

// The session's user (null when logged out); loaded once, then kept in step by login, logout and 401s.
export const useMe = () => useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity });

// Now by the server's clock: the time /auth/me reported, moved on by what has passed since it was fetched.
// Dates on screen (today, days left, overdue) follow the server, which may be pinned (LUOSHI_NOW) or off from the browser.
export function useServerNow(): dayjs.Dayjs {
  const { data, dataUpdatedAt } = useMe();
  if (!data) return dayjs();
  const elapsed = dataUpdatedAt ? Math.max(0, Date.now() - dataUpdatedAt) : 0;
  return dayjs(data.serverTime).add(elapsed, 'millisecond');
}

export const MeContext = createContext<Me | null>(null);

// The logged-in user; only used below the point where the app knows someone is logged in.
export function useCurrentUser(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentUser outside a session');
  return me;
}

export const hasRole = (me: Me, ...roles: Role[]) => me.roles.some((r) => roles.includes(r));

export const mustChangePassword = (me: Me) => me.mustChangePassword || me.passwordExpired;

// Back to the login page, dropping every cached answer so nothing of this user stays in the page (剩余信息保护).
export function endSession(queryClient: QueryClient) {
  queryClient.setQueryData(ME_KEY, null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return async () => {
    try {
      await call(api.POST('/api/v1/auth/logout'));
    } finally {
      endSession(queryClient);
    }
  };
}
