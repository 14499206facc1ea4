// Downloads a file from the hub with the signed-in token (a plain link cannot carry the Authorization header).
import { useCallback, useState } from 'react';

function fileNameOf(response: Response, url: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : url.split('?')[0].split('/').pop() ?? 'export';
}

export function useDownload(token: string | null): { download(url: string): Promise<void>; error: string | null } {
  const [error, setError] = useState<string | null>(null);
  const download = useCallback(
    async (url: string) => {
      setError(null);
      const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!response.ok) {
        const body = await response.text();
        let message = body;
        try {
          message = (JSON.parse(body) as { errors?: { message: string }[]; error?: string }).errors?.[0]?.message ?? message;
        } catch {
          /* plain text */
        }
        setError(`${response.status}: ${message.slice(0, 200)}`);
        return;
      }
      const objectUrl = URL.createObjectURL(await response.blob());
      const anchor = document.createElement('a');
      anchor.href = objectUrl;
      anchor.download = fileNameOf(response, url);
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
    },
    [token],
  );
  return { download, error };
}
