/** A row of choices (a list's filter, a tab): one is on. The community's screens share it. */
import '../../styles/community.css';
import { Text, View } from '@tarojs/components';

export function Filters<T extends string>({
  id,
  options,
  value,
  label,
  onChange,
}: {
  id: string;
  options: readonly T[];
  value: T;
  label(option: NoInfer<T>): string;
  onChange(option: NoInfer<T>): void;
}) {
  return (
    <View className="cm__tabs" id={id}>
      {options.map((option) => (
        <Text
          key={option}
          id={`${id}-${option}`}
          className={`cm__tab${option === value ? ' cm__tab--on' : ''}`}
          onClick={() => onChange(option)}
        >
          {label(option)}
        </Text>
      ))}
    </View>
  );
}
