import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionButton } from './index';

function button(): HTMLElement & { disabled?: boolean } {
  const found = document.querySelector<HTMLElement>('#action');
  if (!found) throw new Error('button not rendered');
  return found;
}

describe('ActionButton', () => {
  afterEach(cleanup);

  it('passes taps through when idle, with no disabled attribute at all', () => {
    const onClick = vi.fn();
    render(
      <ActionButton id="action" onClick={onClick}>
        Save
      </ActionButton>,
    );
    fireEvent.click(button());
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(button().hasAttribute('disabled')).toBe(false);
    expect(document.querySelector('.action-button__spinner')).toBeNull();
  });

  it('ignores taps while busy and shows its own spinner beside the label', () => {
    const onClick = vi.fn();
    render(
      <ActionButton id="action" busy onClick={onClick}>
        Saving
      </ActionButton>,
    );
    fireEvent.click(button());
    fireEvent.click(button());
    expect(onClick).not.toHaveBeenCalled();
    expect(Boolean(button().disabled)).toBe(true);
    expect(document.querySelector('.action-button__spinner')).not.toBeNull();
    expect(button().textContent).toBe('Saving');
  });

  it('ignores taps when disabled, without a spinner', () => {
    const onClick = vi.fn();
    render(
      <ActionButton id="action" disabled onClick={onClick}>
        Delete
      </ActionButton>,
    );
    fireEvent.click(button());
    expect(onClick).not.toHaveBeenCalled();
    expect(document.querySelector('.action-button__spinner')).toBeNull();
  });

  it('keeps working when the label changes while busy (the H5 Stencil slot bug)', () => {
    const onClick = vi.fn();
    const { rerender } = render(
      <ActionButton id="action" onClick={onClick}>
        Verify
      </ActionButton>,
    );
    rerender(
      <ActionButton id="action" busy onClick={onClick}>
        Verifying…
      </ActionButton>,
    );
    rerender(
      <ActionButton id="action" onClick={onClick}>
        Verify again
      </ActionButton>,
    );
    expect(button().textContent).toBe('Verify again');
    fireEvent.click(button());
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
