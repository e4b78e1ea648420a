/**
 * A few community strings of the main package: 发现's popular tags, and a profile's "you blocked them"
 * banner (small enough to ride with the tab pages rather than load with the profile's subpackage).
 */
export const communityMoreMessages = {
  'zh-CN': {
    'discover.popularTags': '热门标签',
    'cprofile.blockedByMe': '你已拉黑 {name}，看不到 TA 的作品和动态',
    'cprofile.unblock': '解除拉黑',
    'cprofile.unblockFailed': '没能解除拉黑：{message}',
  },
  en: {
    'discover.popularTags': 'Popular tags',
    'cprofile.blockedByMe': 'You blocked {name}: their works and activity are hidden from you',
    'cprofile.unblock': 'Unblock',
    'cprofile.unblockFailed': 'Could not unblock: {message}',
  },
} as const;
