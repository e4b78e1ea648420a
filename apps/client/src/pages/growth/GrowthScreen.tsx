/**
 * A child's growth: height, weight and head circumference records (members and the owner add, edit,
 * delete), and the chart of one measure against the WHO Child Growth Standards for the child's sex, with
 * the latest record's percentile. Without a sex the standards cannot be chosen: the records still list.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import {
  type Child,
  childAge,
  GROWTH_MEASURES,
  type GrowthMeasure,
  type GrowthRecord,
  type Home,
} from '@xiaojia/shared';
import { useMemo, useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ChildGate } from '../../children/ChildGate';
import { canEditChildren } from '../../children/use-children';
import { ActionButton } from '../../components/ActionButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { localDayKey } from '../../components/PhotoGrid';
import { EmptyState, Notice, QueryState } from '../../components/Screen';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { formatAge } from '../../lib/child-age';
import { growthChart, latestPlace } from '../../lib/growth-chart';
import { GrowthChart } from './GrowthChart';
import { GrowthForm } from './GrowthForm';
import { draftOfRecord, type GrowthDraft } from './growth-draft';
import '../children/index.css';
import './index.css';
import { loadChildrenPagesMessages } from '../../i18n/children-pages';

loadChildrenPagesMessages();

export interface GrowthScreenProps {
  childId: string;
  /** "Today" (tests pin it). */
  now?: Date;
}

export function GrowthScreen({ childId, now }: GrowthScreenProps) {
  return (
    <ChildGate childId={childId}>{(child, home) => <ChildGrowth child={child} home={home} now={now} />}</ChildGate>
  );
}

type Form = { record: GrowthRecord | null; draft: GrowthDraft } | null;

function ChildGrowth({ child, home, now }: { child: Child; home: Home; now?: Date }) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [today] = useState(() => localDayKey((now ?? new Date()).toISOString()));
  const [measure, setMeasure] = useState<GrowthMeasure>('weightKg');
  const [form, setForm] = useState<Form>(null);
  const [deleting, setDeleting] = useState<GrowthRecord | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayEdit = canEditChildren(home.role);
  const list = useQuery(trpc.growth.list.queryOptions({ homeId: home.id, childId: child.id }));
  const records = list.data?.items;

  const saved = () => {
    setForm(null);
    setNotice(t('growth.saved'));
    void invalidate.growthChanged();
  };
  const add = useMutation(trpc.growth.add.mutationOptions({ onSuccess: saved }));
  const update = useMutation(trpc.growth.update.mutationOptions({ onSuccess: saved }));
  const remove = useMutation(
    trpc.growth.delete.mutationOptions({
      onSuccess: () => {
        setDeleting(null);
        setNotice(t('growth.deleted'));
        void invalidate.growthChanged();
      },
    }),
  );
  const open = (record: GrowthRecord | null) => {
    add.reset();
    update.reset();
    setNotice(null);
    setForm({ record, draft: draftOfRecord(record, today) });
  };

  const sex = child.sex;
  const chart = useMemo(
    () => (sex && records ? growthChart(sex, measure, child.birthday, records) : null),
    [sex, records, measure, child.birthday],
  );
  const latest = sex && records ? latestPlace(sex, measure, child.birthday, records) : null;
  const unit = t(`growth.chart.unit.${measure}`);
  const newestFirst = records ? [...records].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)) : [];

  return (
    <View className="screen" id="growth-page">
      <Text id="growth-title" className="screen__heading growth__title">
        {t('growth.title', { name: child.name })}
      </Text>
      <Notice id="growth-notice" text={notice} />
      <View className="screen__card">
        <View className="children__choices">
          {GROWTH_MEASURES.map((m) => (
            <View
              key={m}
              id={`growth-tab-${m}`}
              className={`children__choice${m === measure ? ' children__choice--on' : ''}`}
              onClick={() => setMeasure(m)}
            >
              <Text className={`children__choice-text${m === measure ? ' children__choice-text--on' : ''}`}>
                {t(`growth.chart.${m}`)}
              </Text>
            </View>
          ))}
        </View>
        {!sex ? (
          <Text id="growth-sex-unknown" className="screen__hint growth__hint">
            {t('growth.sexUnknown')}
          </Text>
        ) : (
          chart && (
            <View className="growth__chart">
              <Text className="growth__unit">{unit}</Text>
              <GrowthChart model={chart} />
              <Text className="growth__axis">{t('growth.chart.months')}</Text>
            </View>
          )
        )}
        {sex && records && (
          <Text id="growth-percentile" className="growth__percentile">
            {!latest
              ? t('growth.percentile.none')
              : latest.percentile === null
                ? t('growth.percentile.outside', { date: latest.record.date, value: latest.value, unit })
                : t('growth.percentile', {
                    date: latest.record.date,
                    value: latest.value,
                    unit,
                    percentile: latest.percentile,
                  })}
          </Text>
        )}
        <Text id="growth-footnote" className="screen__hint growth__footnote">
          {t('growth.footnote')}
        </Text>
      </View>

      {records ? (
        newestFirst.length === 0 ? (
          <EmptyState id="growth-empty" text={t('growth.empty')} />
        ) : (
          <View className="screen__card" id="growth-records">
            {newestFirst.map((record) => {
              const age = childAge(child.birthday, record.date);
              return (
                <View key={record.id} id={`growth-record-${record.id}`} className="growth__row">
                  <Text className="growth__row-date">
                    {age ? t('growth.row', { date: record.date, age: formatAge(age, t) }) : record.date}
                  </Text>
                  <Text className="screen__hint">
                    {GROWTH_MEASURES.filter((m) => record[m] !== null)
                      .map((m) => `${t(`growth.chart.${m}`)} ${record[m]} ${t(`growth.chart.unit.${m}`)}`)
                      .join(' · ')}
                  </Text>
                  {mayEdit && (
                    <View className="screen__actions">
                      <ActionButton
                        id={`growth-edit-${record.id}`}
                        className="screen__button"
                        onClick={() => open(record)}
                      >
                        {t('growth.edit')}
                      </ActionButton>
                      <ActionButton
                        id={`growth-delete-${record.id}`}
                        className="screen__button screen__button--danger"
                        onClick={() => {
                          remove.reset();
                          setNotice(null);
                          setDeleting(record);
                        }}
                      >
                        {t('growth.delete')}
                      </ActionButton>
                    </View>
                  )}
                </View>
              );
            })}
          </View>
        )
      ) : (
        <QueryState
          id="growth-state"
          loadingKey="children.loading"
          failedKey="children.loadFailed"
          isPending={list.isPending}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      {mayEdit && records && (
        <ActionButton
          id="growth-add"
          className="screen__button screen__button--primary screen__button--block"
          onClick={() => open(null)}
        >
          {t('growth.add')}
        </ActionButton>
      )}

      {form && (
        <GrowthForm
          editing={form.record !== null}
          draft={form.draft}
          birthday={child.birthday}
          today={today}
          busy={add.isPending || update.isPending}
          error={add.error ?? update.error}
          onChange={(draft) => setForm({ ...form, draft })}
          onSave={(values) =>
            form.record
              ? update.mutate({ homeId: home.id, recordId: form.record.id, ...values })
              : add.mutate({ homeId: home.id, childId: child.id, ...values })
          }
          onCancel={() => setForm(null)}
        />
      )}
      <ConfirmDialog
        id="growth-delete-dialog"
        open={deleting !== null}
        title={t('growth.delete.title', { date: deleting?.date ?? '' })}
        body={remove.error ? t('children.failed', { message: errorMessage(remove.error, t) }) : ''}
        confirmLabel={t('growth.delete')}
        cancelLabel={t('common.cancel')}
        danger
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ homeId: home.id, recordId: deleting.id })}
        onCancel={() => setDeleting(null)}
      />
    </View>
  );
}
