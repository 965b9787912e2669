import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import type { User } from '@jiefang/contracts';
import { BrandBar } from '../../components/BrandBar';
import { PageShell } from '../../components/PageShell';
import { useLoadable, type LoadState } from '../../components/useLoadable';
import { commonEntries, entriesForRoles, type FeatureEntry, type RoleEntry } from '../../features/entries';
import { MY_DATA_PAGE } from '../../features/myData/routes';
import { badgeText } from '../../features/notifications/badge';
import { useUnreadCount } from '../../features/notifications/useUnreadCount';
import { splitMessage, t } from '../../i18n';
import { LOGIN_PAGE, api, session } from '../../services';
import './index.scss';

function FeatureRow({ feature, badge = '' }: { feature: FeatureEntry; badge?: string }) {
  const { path } = feature;
  return (
    <View
      className={path ? 'jf-entry' : 'jf-entry jf-entry--disabled'}
      data-testid={`feature-${feature.id}`}
      data-available={path ? 'true' : 'false'}
      ariaRole="button"
      onClick={path ? () => void Taro.navigateTo({ url: path }) : undefined}
    >
      <View className="jf-entry__text">
        <Text className="jf-entry__title">{t(`entry.${feature.id}.title`)}</Text>
        <Text className="jf-entry__desc">{t(`entry.${feature.id}.desc`)}</Text>
      </View>
      {badge && (
        <Text className="jf-entry__badge" data-testid={`feature-${feature.id}-badge`}>
          {badge}
        </Text>
      )}
      {path ? (
        <Text className="jf-entry__arrow">›</Text>
      ) : (
        <Text className="jf-soon">{t('entry.comingSoon')}</Text>
      )}
    </View>
  );
}

function RoleCard({ entry }: { entry: RoleEntry }) {
  return (
    <View className="jf-card jf-role" data-testid={`role-entry-${entry.role}`}>
      <Text className="jf-role__name">{t(`role.${entry.role}`)}</Text>
      {entry.features.map((feature) => (
        <FeatureRow key={feature.id} feature={feature} />
      ))}
    </View>
  );
}

/** Features every signed-in user has (消息 with its unread badge, 身边噪音), whatever the roles. */
function CommonCard({ features, unread }: { features: FeatureEntry[]; unread: number }) {
  if (features.length === 0) return null;
  return (
    <View className="jf-card jf-role" data-testid="common-entries">
      <Text className="jf-role__name">{t('home.entries.common')}</Text>
      {features.map((feature) => (
        <FeatureRow
          key={feature.id}
          feature={feature}
          badge={feature.id === 'messages.inbox' ? badgeText(unread) : ''}
        />
      ))}
    </View>
  );
}

function MeCard({ me, onRetry }: { me: LoadState<User>; onRetry: () => void }) {
  if (me.status === 'loading') {
    return (
      <View className="jf-card jf-state" data-testid="me-loading">
        <Loading>{t('home.loading')}</Loading>
      </View>
    );
  }
  if (me.status === 'error') {
    return (
      <View className="jf-card jf-state jf-state--error" data-testid="me-error">
        <Text className="jf-state__text">{`${t('home.loadFailed')}：${me.message}`}</Text>
        <Text className="jf-link" data-testid="me-retry" onClick={onRetry}>
          {t('home.retry')}
        </Text>
      </View>
    );
  }
  const user = me.value;
  return (
    <View className="jf-card jf-me" data-testid="me-card">
      <Text className="jf-card__title">{t('home.me.title')}</Text>
      <View className="jf-me__row">
        <Text className="jf-me__key">{t('home.me.roles')}</Text>
        <Text className="jf-me__value">{user.roles.map((role) => t(`role.${role}`)).join('、')}</Text>
      </View>
      <View className="jf-me__row">
        <Text className="jf-me__key">{t('home.me.street')}</Text>
        <Text className="jf-me__value">{user.streetName ?? user.streetId ?? t('home.me.streetNone')}</Text>
      </View>
      <View
        className="jf-entry"
        data-testid="me-data"
        ariaRole="link"
        onClick={() => void Taro.navigateTo({ url: MY_DATA_PAGE })}
      >
        <View className="jf-entry__text">
          <Text className="jf-entry__title">{t('myData.entry')}</Text>
          <Text className="jf-entry__desc">{t('myData.entry.desc')}</Text>
        </View>
        <Text className="jf-entry__arrow">›</Text>
      </View>
    </View>
  );
}

export default function HomePage() {
  const [stored] = useState(() => session.current());
  // A rejected token has already sent the user back to the login page.
  const me = useLoadable(() => api.me(), [], { enabled: !!stored });
  const { unread, refresh: refreshUnread } = useUnreadCount(!!stored);

  useEffect(() => {
    if (!stored) void Taro.reLaunch({ url: LOGIN_PAGE });
  }, [stored]);

  usePullDownRefresh(() => {
    void Promise.all([me.reload(), refreshUnread()]).finally(() => void Taro.stopPullDownRefresh());
  });

  if (!stored) return <PageShell>{null}</PageShell>;

  // The stored profile shows at once; the fresh one from /api/me replaces it when it arrives.
  const user = me.state.status === 'ready' ? me.state.value : stored.user;
  const entries = entriesForRoles(user.roles);

  const logout = () => {
    session.clear();
    void Taro.reLaunch({ url: LOGIN_PAGE });
  };

  const [beforeName, afterName] = splitMessage('home.greeting', 'name');

  return (
    <PageShell>
      <BrandBar />

      <View className="jf-greeting">
        {beforeName && <Text>{beforeName}</Text>}
        <Text className="jf-greeting__name" data-testid="home-user-name">
          {user.name}
        </Text>
        {afterName && <Text>{afterName}</Text>}
      </View>

      <MeCard me={me.state} onRetry={() => void me.reload()} />

      <Text className="jf-section-title">{t('home.entries.title')}</Text>
      {entries.length === 0 ? (
        <View className="jf-card jf-state" data-testid="entries-empty">
          <Text className="jf-state__text">{t('home.entries.empty')}</Text>
        </View>
      ) : (
        entries.map((entry) => <RoleCard key={entry.role} entry={entry} />)
      )}
      <CommonCard features={commonEntries()} unread={unread} />

      <Button className="jf-logout" data-testid="logout" size="xlarge" block fill="outline" onClick={logout}>
        {t('home.logout')}
      </Button>
    </PageShell>
  );
}
