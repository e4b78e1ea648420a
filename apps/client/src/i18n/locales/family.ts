/**
 * The family's rows on the Me page and the home-name dialog (main package). The members, invite and join
 * pages' own messages load with their subpackages: family-pages.ts.
 */
export const familyMessages = {
  'zh-CN': {
    'account.links.members': '家庭成员',
    'account.links.invite': '邀请家人',
    'account.links.newHome': '新建一个家',
    'account.newHome.title': '给新家起个名字',
    'account.newHome.placeholder': '例如：王家',
    'account.newHome.created': '已新建「{name}」，现在看的就是这个家',

    'home.name.empty': '请给家起个名字',
    'home.name.tooLong': '名字太长了，最多 40 个字',

    'members.failed': '操作失败：{message}',
  },
  en: {
    'account.links.members': 'Family',
    'account.links.invite': 'Invite family',
    'account.links.newHome': 'New home',
    'account.newHome.title': 'Name the new home',
    'account.newHome.placeholder': 'e.g. The Wangs',
    'account.newHome.created': '"{name}" is made, and it is the home you are looking at now',

    'home.name.empty': 'Please give the home a name',
    'home.name.tooLong': 'That name is too long: 40 characters at most',

    'members.failed': 'That did not work: {message}',
  },
} as const;
