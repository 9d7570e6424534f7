import { useQueryClient } from '@tanstack/react-query';
import { Alert, App } from 'antd';
import { isApiError } from '../api';

// Someone else changed the record since it was loaded (optimistic locking).
export const isStale = (err: unknown) => isApiError(err, 409) && err.code === 'STALE_VERSION';

export const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : '操作失败，请稍后重试');

// Shows an API error as a toast; on a conflict the data is reloaded so the next try starts from the current version.
export function useShowError() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (err: unknown) => {
    if (isApiError(err, 409)) {
      void message.warning(err.message);
      void queryClient.invalidateQueries();
      return;
    }
    void message.error(errorMessage(err));
  };
}

export function ErrorAlert({ error }: { error: unknown }) {
  const details = isApiError(error) && isStringList(error.details) ? error.details : [];
  // The server's message reads "summary：problem；problem"; with the problems listed below, the summary is enough.
  const title = details.length > 0 ? errorMessage(error).split('：')[0] : errorMessage(error);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={title}
      description={
        details.length > 0 ? (
          <ul className="problem-list">
            {details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
