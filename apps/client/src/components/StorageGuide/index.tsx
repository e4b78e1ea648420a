/**
 * The steps of preparing a bucket for binding, for the provider chosen, shown above the binding form:
 * Qiniu's four, or for S3-compatible storage a private bucket, keys limited to it (with the least policy
 * to paste, the bucket name filled in), the CORS rule for the web app, and what to enter.
 */
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';
import { loadStoragePagesMessages } from '../../i18n/storage-pages';
import type { StorageChoice } from '../StorageBindForm/binding';
import { CorsRule } from './CorsRule';
import { leastPolicy } from './policies';
import './index.css';

loadStoragePagesMessages();

export const GUIDE_STEPS = ['step1', 'step2', 'step3', 'step4'] as const;

export interface StorageGuideProps {
  choice: StorageChoice;
  /** The bucket typed so far (filled into the policy); a placeholder while empty. */
  bucket: string;
  /** The web app's origin, for the CORS rule. */
  origin: string;
}

export function StorageGuide({ choice, bucket, origin }: StorageGuideProps) {
  const t = useT();
  if (choice === 'qiniu') {
    return (
      <View className="storage-guide" id="storage-guide">
        <Text className="storage-guide__heading">{t('storage.guide.heading')}</Text>
        <Text className="storage-guide__intro">{t('storage.guide.intro')}</Text>
        {GUIDE_STEPS.map((step) => (
          <View key={step} className="storage-guide__step">
            <Text className="storage-guide__title">{t(`storage.guide.${step}.title`)}</Text>
            <Text className="storage-guide__body">{t(`storage.guide.${step}.body`)}</Text>
          </View>
        ))}
      </View>
    );
  }
  const provider = t(`storage.provider.${choice}`);
  const policy = leastPolicy(choice, bucket.trim() || '<bucket>');
  return (
    <View className="storage-guide" id="storage-guide">
      <Text className="storage-guide__heading">{t('storage.guide.heading')}</Text>
      <Text className="storage-guide__intro">{t('storage.guide.s3.intro', { provider })}</Text>
      {GUIDE_STEPS.map((step) => (
        <View key={step} className="storage-guide__step">
          <Text className="storage-guide__title">{t(`storage.guide.${choice}.${step}.title`)}</Text>
          <Text className="storage-guide__body">{t(`storage.guide.${choice}.${step}.body`)}</Text>
          {step === 'step2' && policy && (
            <View className="storage-guide__block" id="storage-guide-policy">
              <Text className="storage-guide__title">{t('storage.policy.heading')}</Text>
              <Text className="storage-guide__body">{t('storage.policy.intro')}</Text>
              <Text className="storage-guide__code storage-guide__code--block" userSelect>
                {policy}
              </Text>
            </View>
          )}
          {step === 'step3' && <CorsRule id="storage-guide-cors" origin={origin} />}
        </View>
      ))}
    </View>
  );
}
