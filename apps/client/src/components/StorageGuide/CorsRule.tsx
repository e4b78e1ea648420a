/**
 * The CORS rule the web app needs, for the bucket's CORS settings: the fields as consoles with a form ask
 * for them (COS, OSS), and the JSON others take (R2, AWS, mc cors). Shown in the guide, and again with a
 * STORAGE_CORS_MISSING refusal.
 */
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';
import { loadStoragePagesMessages } from '../../i18n/storage-pages';
import { corsJson, corsRule } from './policies';
import './index.css';

loadStoragePagesMessages();

export function CorsRule({ id, origin }: { id: string; origin: string }) {
  const t = useT();
  const rule = corsRule(origin);
  const rows = [
    ['storage.cors.origins', rule.AllowedOrigins.join(', ')],
    ['storage.cors.methods', rule.AllowedMethods.join(', ')],
    ['storage.cors.headers', rule.AllowedHeaders.join(', ')],
    ['storage.cors.expose', rule.ExposeHeaders.join(', ')],
    ['storage.cors.maxAge', String(rule.MaxAgeSeconds)],
  ] as const;
  return (
    <View className="storage-guide__block" id={id}>
      <Text className="storage-guide__title">{t('storage.cors.heading')}</Text>
      <Text className="storage-guide__body">{t('storage.cors.intro')}</Text>
      {rows.map(([label, value]) => (
        <View key={label} className="storage-guide__rule">
          <Text className="storage-guide__rule-label">{t(label)}</Text>
          <Text className="storage-guide__code" userSelect>
            {value}
          </Text>
        </View>
      ))}
      <Text className="storage-guide__body">{t('storage.cors.json')}</Text>
      <Text className="storage-guide__code storage-guide__code--block" userSelect>
        {corsJson(origin)}
      </Text>
    </View>
  );
}
