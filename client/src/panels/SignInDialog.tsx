// Sign in by pasting a token (the page says how to get one); shows the role signed in as, and signs out.
import { useRef, useState } from 'react';
import { useLanguage } from '../i18n/useLanguage';
import { readTokenClaims } from '../state/token-claims';

export function SignInDialog({ token, onToken }: { token: string | null; onToken(token: string | null): void }) {
  const { t } = useLanguage();
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState('');
  const claims = readTokenClaims(token);
  const open = () => {
    setDraft('');
    dialog.current?.showModal();
  };
  return (
    <>
      {token ? (
        <span className="signed-in">
          <span className="role-badge" data-testid="role-badge">
            {t('signedInAs')}
            {claims?.role ?? '?'}
            {claims?.district ? ` · ${claims.district}` : ''}
          </span>
          <button type="button" className="header-button" onClick={() => onToken(null)}>
            {t('signOut')}
          </button>
        </span>
      ) : (
        <button type="button" className="header-button" onClick={open} data-testid="sign-in">
          {t('signIn')}
        </button>
      )}
      <dialog ref={dialog} className="sign-in-dialog" aria-labelledby="sign-in-title">
        <form
          method="dialog"
          onSubmit={() => {
            if (draft.trim()) onToken(draft.trim());
          }}
        >
          <h2 id="sign-in-title">{t('signIn')}</h2>
          <p className="hint">{t('tokenHelp')}</p>
          <pre className="command">npx atlas token --role analyst</pre>
          <label className="field">
            <span className="field-label">{t('tokenLabel')}</span>
            <textarea value={draft} onChange={(event) => setDraft(event.target.value)} rows={4} spellCheck={false} autoFocus data-testid="token-input" />
          </label>
          <div className="dialog-actions">
            <button type="button" onClick={() => dialog.current?.close()}>
              {t('cancel')}
            </button>
            <button type="submit" className="primary" disabled={!draft.trim()}>
              {t('save')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
