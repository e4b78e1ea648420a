/** Me: exporting a home as one archive, and deleting the account after a summary of what it does. */
export const accountDataMessages = {
  'zh-CN': {
    'account.export.heading': '导出照片',
    'account.export.hint': '每个家的所有原图和一份说明文件（拍摄时间、上传者、相册），打包成一个 .tar 文件下载。',
    'account.export.start': '导出',
    'account.export.preparing': '正在准备…',
    'account.export.progress': '正在下载 {percent}%（{done} / {total}）',
    'account.export.started': '「{name}」的导出已开始下载（{total}，{count} 张照片），浏览器会显示进度',
    'account.export.saved': '「{name}」已导出（{total}），保存在：{path}',
    'account.export.savedWeapp': '「{name}」已导出（{total}），保存在小程序的文件里。可以发送到聊天，再在电脑上保存。',
    'account.export.share': '发送到聊天',
    'account.export.failed': '导出没有完成：{message}',
    'account.export.interrupted': '下载中断了，文件不完整，请重新导出',
    'account.delete.entry': '注销账号',
    'account.delete.title': '注销账号？',
    'account.delete.loading': '正在计算注销会影响什么…',
    'account.delete.owned.deleted':
      '「{name}」：你是主人，只有你一个人，{photos} 张照片。它会和账号一起删除，照片会从存储里删除（存储桶本身不动）。',
    'account.delete.owned.handOver':
      '「{name}」：你是主人，还有 {others} 位家人，{photos} 张照片。请先在「家庭成员」里把它交给另一位成员，或删除这个家，才能注销。',
    'account.delete.joined':
      '「{name}」（{owner} 的家）：你会离开这个家。你上传的 {photos} 张照片留给这个家，显示为来自已注销的账号。',
    'account.delete.everything':
      '所有设备都会退出登录，你的昵称、用户名、密码和微信关联都会被删除，你发出的邀请会失效。注销后无法恢复。',
    'account.delete.blocked': '还有需要交接的家，现在不能注销。',
    'account.delete.toMembers': '去家庭成员',
    'account.delete.password': '输入密码确认',
    'account.delete.typeName': '输入你的昵称「{name}」确认',
    'account.delete.confirm': '注销账号',
    'account.delete.nameMismatch': '输入的昵称不一样，请照着再输入一次',
  },
  en: {
    'account.export.heading': 'Export photos',
    'account.export.hint':
      'Every original of a home and a file describing them (when taken, who uploaded, albums), downloaded as one .tar file.',
    'account.export.start': 'Export',
    'account.export.preparing': 'Preparing…',
    'account.export.progress': 'Downloading {percent}% ({done} of {total})',
    'account.export.started':
      'The export of "{name}" is downloading ({total}, {count} {count|photo|photos}); your browser shows its progress',
    'account.export.saved': '"{name}" exported ({total}), saved to: {path}',
    'account.export.savedWeapp':
      '"{name}" exported ({total}) into the mini-program\'s files. Send it to a chat to save it on a computer.',
    'account.export.share': 'Send to a chat',
    'account.export.failed': 'The export did not finish: {message}',
    'account.export.interrupted': 'The download was cut off and the file is incomplete; export again',
    'account.delete.entry': 'Delete account',
    'account.delete.title': 'Delete your account?',
    'account.delete.loading': 'Working out what deleting your account changes…',
    'account.delete.owned.deleted':
      '"{name}": you own it alone, {photos} {photos|photo|photos}. It is deleted with your account and its photos are removed from storage (the bucket itself stays).',
    'account.delete.owned.handOver':
      '"{name}": you own it, with {others} other {others|member|members} and {photos} {photos|photo|photos}. Hand it over to another member in Family, or delete it, before deleting your account.',
    'account.delete.joined':
      '"{name}" ({owner}\'s home): you leave it. The {photos} {photos|photo|photos} you uploaded stay with this family, shown as from a deleted account.',
    'account.delete.everything':
      'Every device is signed out; your display name, username, password and WeChat link are deleted, and your invites stop working. This cannot be undone.',
    'account.delete.blocked': 'A home still has to be handed over; you cannot delete your account yet.',
    'account.delete.toMembers': 'Go to Family',
    'account.delete.password': 'Enter your password to confirm',
    'account.delete.typeName': 'Type your display name "{name}" to confirm',
    'account.delete.confirm': 'Delete account',
    'account.delete.nameMismatch': 'That is not your display name; type it exactly as shown',
  },
} as const;
