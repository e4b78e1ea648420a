/**
 * Feed sentences for entries whose subject is gone: a milestone whose child was deleted since keeps its
 * title, said without the name ("妈妈记录了里程碑：第一次走路", not "妈妈记录了  第一次走路").
 */
export const feedEntriesMessages = {
  'zh-CN': {
    'feed.milestone.noChild': '{name}记录了里程碑：{title}',
    'feed.milestones.noChild': '{name}记录了 {count} 个里程碑',
  },
  en: {
    'feed.milestone.noChild': '{name} recorded a milestone: {title}',
    'feed.milestones.noChild': '{name} recorded {count} {count|milestone|milestones}',
  },
} as const;
