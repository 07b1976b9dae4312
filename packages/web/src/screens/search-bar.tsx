import { useT } from '../i18n/i18n';
import { Icon } from '../ui/icons';

/** The search field at the top of a list; filters as the user types. */
export function SearchBar({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const t = useT();
  return (
    <div className="search-bar" role="search">
      <Icon name="search" size={16} />
      <input type="search" aria-label={t('common.search')} placeholder={t('common.search')} value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}
