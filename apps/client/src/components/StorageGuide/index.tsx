/** The four steps of preparing a Qiniu bucket for binding, shown above the binding form. */
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';
import './index.css';

export const GUIDE_STEPS = ['step1', 'step2', 'step3', 'step4'] as const;

export function StorageGuide() {
  const t = useT();
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
