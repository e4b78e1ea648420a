/**
 * Ids as the API makes them (UUIDv7, which its schemas check), named by a short label so a test still
 * reads `id('h1')`: the label's characters, in hex, end the id, so two labels never share one.
 */
export function id(label: string): string {
  const hex = Array.from(label, (char) => char.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  if (hex.length > 12) throw new Error(`test id labels have at most 6 characters: ${label}`);
  return `01900000-0000-7000-8000-${hex.padStart(12, '0')}`;
}
