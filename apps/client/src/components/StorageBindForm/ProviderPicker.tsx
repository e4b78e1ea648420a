/** The first choice on the binding form: which storage service holds the bucket. */
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';
import { loadStoragePagesMessages } from '../../i18n/storage-pages';
import { STORAGE_CHOICES, type StorageChoice } from './binding';

loadStoragePagesMessages();

export function ProviderPicker({
  choice,
  disabled,
  onChoose,
}: {
  choice: StorageChoice;
  disabled: boolean;
  onChoose(choice: StorageChoice): void;
}) {
  const t = useT();
  return (
    <View className="bind-form__field">
      <Text className="bind-form__label">{t('storage.provider.heading')}</Text>
      <View className="bind-form__regions" id="bind-provider">
        {STORAGE_CHOICES.map((option) => (
          <View
            key={option}
            id={`bind-provider-${option}`}
            className={`bind-form__region${choice === option ? ' bind-form__region--chosen' : ''}`}
            aria-selected={choice === option}
            onClick={() => {
              if (!disabled && option !== choice) onChoose(option);
            }}
          >
            <Text>{t(`storage.provider.${option}`)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
