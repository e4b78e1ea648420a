import { describe, expect, it } from 'vitest';
import { mayInvite } from './roles';

describe('mayInvite', () => {
  it('lets the owner invite, members when the home allows it, and viewers never', () => {
    expect(mayInvite({ role: 'owner', membersCanInvite: false })).toBe(true);
    expect(mayInvite({ role: 'member', membersCanInvite: true })).toBe(true);
    expect(mayInvite({ role: 'member', membersCanInvite: false })).toBe(false);
    expect(mayInvite({ role: 'viewer', membersCanInvite: true })).toBe(false);
    expect(mayInvite(null)).toBe(false);
  });
});
