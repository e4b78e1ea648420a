/**
 * A calendar day chosen with Taro's date Picker (the system's wheel on weapp and RN, a wheel on H5):
 * shows the day chosen, or a prompt, and answers YYYY-MM-DD.
 */
import { Picker, Text, View } from '@tarojs/components';
import './index.css';

export interface DateFieldProps {
  id: string;
  value: string | null;
  placeholder: string;
  /** The earliest and latest days offered (YYYY-MM-DD). */
  start?: string;
  end?: string;
  disabled?: boolean;
  onChange(day: string): void;
}

export function DateField({ id, value, placeholder, start, end, disabled, onChange }: DateFieldProps) {
  return (
    <Picker
      id={id}
      mode="date"
      value={value ?? end ?? ''}
      start={start}
      end={end}
      disabled={disabled}
      onChange={(event) => onChange(String(event.detail.value))}
    >
      <View className="xj-date-field">
        <Text className={`xj-date-field__text${value ? '' : ' xj-date-field__text--empty'}`}>
          {value ?? placeholder}
        </Text>
        <Text className="xj-date-field__chevron">▾</Text>
      </View>
    </Picker>
  );
}
