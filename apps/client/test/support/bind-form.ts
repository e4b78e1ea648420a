/** For binding form tests: reading the rendered form, typing into it, and a storage.bind settled by hand. */
import { fireEvent, waitFor } from '@testing-library/react';
import type { BindStorageInput } from '@xiaojia/shared';

export function element(selector: string): Element {
  const found = document.querySelector(selector);
  if (!found) throw new Error(`${selector} is not rendered`);
  return found;
}

export function text(selector: string): string | null {
  return document.querySelector(selector)?.textContent ?? null;
}

export async function type(field: string, value: string) {
  const input = await waitFor(() => element(`#bind-${field} input`));
  fireEvent.input(input, { target: { value } });
  fireEvent.blur(input);
}

/** Taro's H5 button keeps a `disabled="false"` attribute: its property is what counts. */
export function isDisabled(selector: string): boolean {
  return Boolean((element(selector) as HTMLElement & { disabled?: boolean }).disabled);
}

/** A storage.bind the test settles by hand, to look at the form while the server is verifying. */
export function pendingBind() {
  const calls: BindStorageInput[] = [];
  let settle: { resolve(): void; reject(error: unknown): void } = { resolve() {}, reject() {} };
  const bind = (input: BindStorageInput) => {
    calls.push(input);
    return new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
  };
  return { bind, calls, settle: () => settle };
}

/** A refusal as tRPC's client gives it: the code in `data`, the server's explanation as the message. */
export function refusal(appCode: string, message = appCode) {
  return Object.assign(new Error(message), { data: { appCode } });
}
