import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { beijingClock, beijingDate, type PersonalData } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { DetailLayout } from '../../../components/DetailLayout';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { PageShell } from '../../../components/PageShell';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import { exportPersonalData, personalDataApi } from '../../../features/myData/myDataServices';
import { canDeleteAccount, dataSections, type DataSection } from '../../../features/myData/sections';
import { t } from '../../../i18n';
import { LOGIN_PAGE, messageOf, session } from '../../../services';
import './data.scss';

function SectionCard({ section }: { section: DataSection }) {
  return (
    <View className="jf-card jf-mydata__section" data-testid={`mydata-${section.id}`}>
      <View className="jf-mydata__head">
        <Text className="jf-card__title">{section.title}</Text>
        {section.count && <Text className="jf-muted">{section.count}</Text>}
      </View>
      {section.rows.length === 0 ? (
        <Text className="jf-muted jf-mydata__none">{t('myData.none')}</Text>
      ) : (
        section.rows.map((row) => (
          <View key={row.key} className="jf-mydata__row">
            <Text className="jf-mydata__title">{row.title}</Text>
            {row.lines.map((line, index) => (
              <Text key={index} className="jf-mydata__line">
                {line}
              </Text>
            ))}
          </View>
        ))
      )}
    </View>
  );
}

type Busy = 'export' | 'delete' | undefined;

/** 我的数据: everything held about the user, 导出 as a file, and 注销账号 behind a warning and a confirmation. */
export default function MyDataPage() {
  const user = useSession();
  const data = useLoadable(() => personalDataApi.data(), [], { enabled: !!user });
  const [busy, setBusy] = useState<Busy>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  usePullDownRefresh(() => {
    void data.refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  const runExport = async () => {
    if (busy) return;
    setBusy('export');
    setError(undefined);
    try {
      const outcome = await exportPersonalData();
      void Taro.showToast({
        title: outcome === 'shared' ? t('myData.export.shareHint') : t('myData.export.done'),
        icon: outcome === 'shared' ? 'none' : 'success',
      });
    } catch (err) {
      if (!(err instanceof ApiError && err.isAuthFailure))
        setError(t('myData.export.failed', { message: messageOf(err) }));
    } finally {
      setBusy(undefined);
    }
  };

  const runDelete = async () => {
    if (busy) return;
    const answer = await Taro.showModal({
      title: t('myData.delete.confirmTitle'),
      content: t('myData.delete.confirmContent'),
      confirmText: t('myData.delete.confirmButton'),
      confirmColor: '#b42318',
    }).catch(() => ({ confirm: false }));
    if (!answer.confirm) return;
    setBusy('delete');
    setError(undefined);
    try {
      const outcome = await personalDataApi.deleteAccount();
      session.clear();
      void Taro.showToast({
        title: outcome.status === 'deleted' ? t('myData.delete.done') : t('myData.delete.pending'),
        icon: outcome.status === 'deleted' ? 'success' : 'none',
      });
      void Taro.reLaunch({ url: LOGIN_PAGE });
    } catch (err) {
      if (err instanceof ApiError && err.isAuthFailure) return;
      // 409: what must be settled first, in the BFF's words.
      setError(
        err instanceof ApiError && err.code === 'conflict'
          ? `${t('myData.delete.blocked')}：${err.message}`
          : t('myData.delete.failed', { message: messageOf(err) }),
      );
    } finally {
      setBusy(undefined);
    }
  };

  if (!user) return <PageShell>{null}</PageShell>;

  return (
    <DetailLayout
      state={data.state}
      onRetry={() => void data.reload()}
      testId="mydata"
      loadingText={t('myData.loading')}
      header={
        <View className="jf-topbar jf-mydata__topbar">
          <View className="jf-brand">
            <Text className="jf-mydata__pagetitle">{t('myData.title')}</Text>
          </View>
          <LargeTextToggle />
        </View>
      }
    >
      {(loaded: PersonalData) => {
        const generated = Date.parse(loaded.generatedAt);
        return (
          <View data-testid="mydata">
            <Text className="jf-muted jf-mydata__intro">
              {t('myData.intro', { time: `${beijingDate(generated)} ${beijingClock(generated)}` })}
            </Text>
            {dataSections(loaded).map((section) => (
              <SectionCard key={section.id} section={section} />
            ))}
            <View className="jf-card jf-mydata__actions">
              <Button
                data-testid="mydata-export"
                type="primary"
                size="xlarge"
                block
                loading={busy === 'export'}
                onClick={() => void runExport()}
              >
                {busy === 'export' ? t('myData.export.busy') : t('myData.export')}
              </Button>
            </View>
            <View className="jf-card jf-mydata__danger" data-testid="mydata-delete-card">
              <Text className="jf-card__title">{t('myData.delete')}</Text>
              {canDeleteAccount(loaded) ? (
                <>
                  <Text className="jf-mydata__warning">{t('myData.delete.warning')}</Text>
                  <Button
                    data-testid="mydata-delete"
                    type="danger"
                    size="xlarge"
                    block
                    fill="outline"
                    loading={busy === 'delete'}
                    onClick={() => void runDelete()}
                  >
                    {busy === 'delete' ? t('myData.delete.busy') : t('myData.delete')}
                  </Button>
                </>
              ) : (
                <Text className="jf-muted">{t('myData.delete.staff')}</Text>
              )}
            </View>
            {error && (
              <Text className="jf-error" data-testid="mydata-action-error">
                {error}
              </Text>
            )}
          </View>
        );
      }}
    </DetailLayout>
  );
}
