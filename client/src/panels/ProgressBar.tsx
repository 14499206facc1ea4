// A labelled horizontal bar: done (solid), in progress (lighter), out of a whole.
import { formatShare } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function ProgressBar({ label, done, partial = 0, whole, testId }: { label: string; done: number; partial?: number; whole: number; testId?: string }) {
  const { language } = useLanguage();
  const share = whole > 0 ? done / whole : 0;
  const partialShare = whole > 0 ? partial / whole : 0;
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress-label">
        <span>{label}</span>
        <span className="number">
          {done} / {whole} · {formatShare(share, language)}
        </span>
      </div>
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={whole} aria-valuenow={done}>
        <div className="progress-done" style={{ width: `${Math.min(100, share * 100)}%` }} />
        <div className="progress-partial" style={{ width: `${Math.min(100 - share * 100, partialShare * 100)}%` }} />
      </div>
    </div>
  );
}
