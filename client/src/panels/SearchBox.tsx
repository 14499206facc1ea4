// Finds a community by name or code as you type (a keyboard-driven combobox); choosing one selects it on the map.
import { useId, useState } from 'react';
import { useGraphQL } from '../api/useGraphQL';
import { SearchDocument, type SearchQuery } from '../gql/graphql';
import { useLanguage } from '../i18n/useLanguage';

type Hit = SearchQuery['byName']['nodes'][number];

export function SearchBox({ token, districtNames, onChoose }: { token: string | null; districtNames: ReadonlyMap<string, string>; onChoose(code: string): void }) {
  const { t } = useLanguage();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const trimmed = text.trim();
  const { data } = useGraphQL(trimmed.length >= 1 ? SearchDocument : null, { text: trimmed }, token);
  const hits = data ? [...data.byCode.nodes, ...data.byName.nodes.filter((hit) => hit.code !== data.byCode.nodes[0]?.code)] : [];
  const choose = (hit: Hit) => {
    onChoose(hit.code);
    setText(hit.name);
    setOpen(false);
  };
  return (
    <div className="search" role="search">
      <input
        type="search"
        role="combobox"
        aria-expanded={open && hits.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && hits[active] ? `${listId}-${active}` : undefined}
        aria-label={t('search')}
        placeholder={t('search')}
        value={text}
        data-testid="search-input"
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, hits.length - 1));
          else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (event.key === 'Enter' && hits[active]) choose(hits[active]);
          else if (event.key === 'Escape') setOpen(false);
          else return;
          event.preventDefault();
        }}
      />
      {open && trimmed && (
        <ul id={listId} role="listbox" className="search-results">
          {hits.length === 0 && data && <li className="hint">{t('searchNoResult')}</li>}
          {hits.map((hit, index) => (
            <li
              key={hit.code}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(hit);
              }}
            >
              <span className="place-name">{hit.name}</span>
              <span className="hint">
                {hit.code} · {(hit.districtCode && districtNames.get(hit.districtCode)) ?? ''} {hit.street ?? ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
