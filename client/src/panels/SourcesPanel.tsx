// The admin's live sources: each source, its last run and counts, the next run, why the last failure failed, "sync now".
import { useState } from 'react';
import { graphqlRequest } from '../api/graphql';
import { useGraphQL } from '../api/useGraphQL';
import { SourcesDocument, SyncDocument, type SourcesQuery } from '../gql/graphql';
import { useLanguage } from '../i18n/useLanguage';

type SyncRunView = NonNullable<SourcesQuery['sources'][number]['lastRun']>;

const WORDS = {
  zh: { title: '数据源同步', none: '还没有数据源：npx atlas source add <图层> <地址>', next: '下次同步', onDemand: '仅手动', last: '上次', never: '从未同步', failed: '上次失败', syncNow: '立即同步', syncing: '同步中…', counts: (r: SyncRunView) => `新增 ${r.added}，变更 ${r.changed}，删除 ${r.removed}，未变 ${r.unchanged}` },
  en: { title: 'Live sources', none: 'No sources yet: npx atlas source add <layer> <url>', next: 'Next sync', onDemand: 'on demand', last: 'Last', never: 'never synced', failed: 'Last failure', syncNow: 'Sync now', syncing: 'Syncing…', counts: (r: SyncRunView) => `${r.added} added, ${r.changed} changed, ${r.removed} removed, ${r.unchanged} unchanged` },
};

export function SourcesPanel({ token, onClose }: { token: string | null; onClose(): void }) {
  const { language } = useLanguage();
  const words = WORDS[language === 'en' ? 'en' : 'zh'];
  const [refresh, setRefresh] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [syncError, setSyncError] = useState<string | null>(null);
  const { data, error, loading } = useGraphQL(SourcesDocument, {}, token, refresh);
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' }) : '');

  async function syncNow(id: string) {
    setBusy(id);
    setSyncError(null);
    try {
      await graphqlRequest(SyncDocument, { id }, token);
    } catch (failure) {
      setSyncError((failure as Error).message);
    } finally {
      setBusy(null);
      setRefresh((n) => n + 1);
    }
  }

  return (
    <div className="panel-body sources-panel">
      <div className="panel-title-row">
        <h2>{words.title}</h2>
        <button type="button" className="close-button" onClick={onClose} aria-label="close">×</button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {syncError && <p className="error" role="alert">{syncError}</p>}
      {loading && !data && <p className="hint">…</p>}
      {data && data.sources.length === 0 && <p className="hint">{words.none}</p>}
      <ul className="source-list">
        {data?.sources.map((source) => (
          <li key={source.id} className="source-item" data-source={source.id}>
            <h3>#{source.id} {source.layer} · {source.kind}</h3>
            <p className="hint source-url">{source.url}</p>
            <p>{words.next}: {source.schedule ? `${when(source.nextRunAt)} (${source.schedule}, ${source.timeZone})` : words.onDemand}</p>
            <p className="source-last">
              {words.last}: {source.lastRun ? `${source.lastRun.status} · ${when(source.lastRun.startedAt)} · ${words.counts(source.lastRun)} · ${source.lastRun.pages} pages, ${source.lastRun.bytes} B` : words.never}
            </p>
            {source.lastFailure && <p className="error source-failure">{words.failed} ({when(source.lastFailure.startedAt)}): {source.lastFailure.message}</p>}
            <button type="button" disabled={busy !== null} onClick={() => void syncNow(source.id)}>
              {busy === source.id ? words.syncing : words.syncNow}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
