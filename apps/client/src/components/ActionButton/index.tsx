import { Button, type ButtonProps, View } from '@tarojs/components';
import './index.css';

/**
 * Taro's H5 button draws its loading icon through Stencil, whose slot bookkeeping breaks when React then
 * updates the label ("insertBefore ... not a child of this node"): on H5 the spinner is a React child of
 * our own; weapp and RN keep their native loading look.
 */
const NATIVE_LOADING = process.env.TARO_ENV !== 'h5';

export interface ActionButtonProps extends Omit<ButtonProps, 'loading' | 'disabled'> {
  /** Working on it: shows a spinner and ignores taps. */
  busy?: boolean;
  disabled?: boolean;
}

/**
 * The app's button: ignores taps while busy or disabled (a double tap never sends twice), and never
 * renders `disabled={false}`, which Taro's H5 button keeps as a disabled="false" attribute its CSS greys out.
 */
export function ActionButton({ busy = false, disabled = false, onClick, children, ...rest }: ActionButtonProps) {
  const inactive = busy || disabled;
  return (
    <Button
      {...rest}
      loading={NATIVE_LOADING ? busy : undefined}
      disabled={inactive || undefined}
      onClick={(event) => {
        if (!inactive) onClick?.(event);
      }}
    >
      {!NATIVE_LOADING && busy && <View className="action-button__spinner" />}
      {children}
    </Button>
  );
}
