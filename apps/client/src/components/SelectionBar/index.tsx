/** The bar at the bottom while choosing photos: how many are chosen, the actions, and a way out. */
import { Text, View } from '@tarojs/components';
import './index.css';
import { ActionButton } from '../ActionButton';

export interface SelectionAction {
  id: string;
  label: string;
  danger?: boolean;
  /** Waits even with photos chosen (e.g. "set as cover" needs exactly one). */
  disabled?: boolean;
  onPress(): void;
}

export interface SelectionBarProps {
  /** "已选 3 张" */
  countLabel: string;
  /** Nothing chosen: the actions wait. */
  empty: boolean;
  busy?: boolean;
  actions: SelectionAction[];
  selectAllLabel: string;
  onSelectAll(): void;
  cancelLabel: string;
  onCancel(): void;
}

export function SelectionBar({
  countLabel,
  empty,
  busy,
  actions,
  selectAllLabel,
  onSelectAll,
  cancelLabel,
  onCancel,
}: SelectionBarProps) {
  return (
    <View className="selection-bar" id="selection-bar">
      <View className="selection-bar__top">
        <Text id="selection-count" className="selection-bar__count">
          {countLabel}
        </Text>
        <Text id="selection-all" className="selection-bar__link" onClick={onSelectAll}>
          {selectAllLabel}
        </Text>
        <Text id="selection-cancel" className="selection-bar__link" onClick={() => !busy && onCancel()}>
          {cancelLabel}
        </Text>
      </View>
      <View className="selection-bar__actions">
        {actions.map((action) => (
          <ActionButton
            key={action.id}
            id={action.id}
            className={`selection-bar__action${action.danger ? ' selection-bar__action--danger' : ''}`}
            disabled={empty || busy || action.disabled}
            onClick={() => action.onPress()}
          >
            {action.label}
          </ActionButton>
        ))}
      </View>
    </View>
  );
}
