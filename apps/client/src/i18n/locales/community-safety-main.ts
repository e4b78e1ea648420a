/** The community safety half's few main-package messages (我的's rows); the rest load with their pages. */
export const communitySafetyMainMessages = {
  'zh-CN': {
    'account.community.blocked': '黑名单',
    'account.community.review': '审核',
  },
  en: {
    'account.community.blocked': 'Blocked users',
    'account.community.review': 'Review (admins)',
  },
} as const;
