import { useT } from '../../i18n/i18n';
import { Header } from '../../ui/header';
import { Empty } from '../../ui/states';

/** The Discover tab. It lists mini programs once the server offers them; until then it says so. */
export function DiscoverScreen() {
  const t = useT();
  return (
    <>
      <Header title={t('tab.discover')} />
      <div className="scroll">
        <Empty icon="discover" title={t('discover.empty')} hint={t('discover.emptyHint')} />
      </div>
    </>
  );
}
