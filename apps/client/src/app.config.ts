// Evaluated at build time with TARO_ENV set: weapp takes its colours from theme.json (light/dark), the
// other targets from fixed light values (H5 and RN draw their own bars; the pages themselves follow the
// system through theme.css).
const weapp = process.env.TARO_ENV === 'weapp';

export default defineAppConfig({
  // The first page is where the app starts: it sends a signed-in user straight to the timeline.
  pages: [
    'pages/welcome/index',
    'pages/timeline/index',
    'pages/upload/index',
    'pages/viewer/index',
    'pages/albums/index',
    // The activity feed (动态) is a tab page, so it must be in the main package: it is kept light.
    'pages/feed/index',
    // 发现, the community tab: a tab page too, light (the work, publish, profile and tag pages are subpackages).
    'pages/discover/index',
    'pages/album/index',
    'pages/trash/index',
    'pages/account/index',
    'pages/home/index',
  ],
  // The family screens load on first use, outside the weapp main package (one subpackage each: the join
  // page's path is fixed by JOIN_PAGE in @xiaojia/shared, which WeChat share cards and codes open).
  subPackages: [
    { root: 'pages/members', pages: ['index'] },
    { root: 'pages/invite', pages: ['index'] },
    { root: 'pages/join', pages: ['index'] },
    // The children's profiles, milestones and growth (the WHO tables and the charts ride in the last).
    { root: 'pages/children', pages: ['index'] },
    { root: 'pages/milestones', pages: ['index'] },
    { root: 'pages/growth', pages: ['index'] },
    // Storage settings: the binding form, every provider's guide and their messages.
    { root: 'pages/storage', pages: ['index'] },
    // 维扣图元's works half: a work's page, publishing, a profile, a tag's feed.
    { root: 'pages/work', pages: ['index'] },
    { root: 'pages/publish', pages: ['index'] },
    { root: 'pages/profile', pages: ['index'] },
    { root: 'pages/tag', pages: ['index'] },
    // The community's private messages, contests (摄影挑战), block list and admins' review (审核).
    { root: 'pages/messages', pages: ['index'] },
    { root: 'pages/conversation', pages: ['index'] },
    { root: 'pages/challenges', pages: ['index'] },
    { root: 'pages/challenge', pages: ['index'] },
    { root: 'pages/blocked', pages: ['index'] },
    { root: 'pages/review', pages: ['index'] },
  ],
  window: {
    backgroundTextStyle: weapp ? '@bgTextStyle' : 'light',
    backgroundColor: weapp ? '@bgColor' : '#fffaf3',
    navigationBarBackgroundColor: weapp ? '@navBgColor' : '#fffaf3',
    navigationBarTitleText: '小家',
    navigationBarTextStyle: weapp ? '@navTextStyle' : 'black',
  },
  tabBar: {
    color: weapp ? '@tabColor' : '#7a6a5b',
    selectedColor: weapp ? '@tabSelectedColor' : '#e0703a',
    backgroundColor: weapp ? '@tabBgColor' : '#ffffff',
    // Taro's type knows only the literal colours, not theme.json variables (which WeChat accepts here).
    borderStyle: (weapp ? '@tabBorderStyle' : 'black') as 'black',
    // The labels are translated at launch (setTabBarItem); icons are 81x81 PNGs (weapp takes no SVG).
    list: [
      {
        pagePath: 'pages/timeline/index',
        text: '时间线',
        iconPath: 'assets/tab/timeline.png',
        selectedIconPath: 'assets/tab/timeline-active.png',
      },
      {
        pagePath: 'pages/albums/index',
        text: '相册',
        iconPath: 'assets/tab/albums.png',
        selectedIconPath: 'assets/tab/albums-active.png',
      },
      {
        pagePath: 'pages/discover/index',
        text: '发现',
        iconPath: 'assets/tab/discover.png',
        selectedIconPath: 'assets/tab/discover-active.png',
      },
      {
        pagePath: 'pages/feed/index',
        text: '动态',
        iconPath: 'assets/tab/feed.png',
        selectedIconPath: 'assets/tab/feed-active.png',
      },
      {
        pagePath: 'pages/account/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  ...(weapp ? { darkmode: true, themeLocation: 'theme.json' } : {}),
});
