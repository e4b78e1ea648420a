/** The timeline (all photos by day). */
export const timelineMessages = {
  'zh-CN': {
    'timeline.title': '时间线',
    'timeline.upload': '上传照片',
    'timeline.empty.title': '还没有照片',
    'timeline.empty.body': '点下面的“上传照片”，从手机相册挑选或直接拍一张。照片会按拍摄日期排好。',
    'timeline.loadFailed': '读取照片失败：{message}',
    'timeline.unboundHint': '有些照片所在的存储空间已解绑，到“我的 → 存储设置”重新绑定即可看到。',
    'timeline.action.save': '保存到手机相册',
    'timeline.action.delete': '移到回收站',
    'timeline.trashed': '已移到回收站',
    'timeline.count': '{count} 张照片',
    'timeline.onlyMine': '只看我上传的',
    'timeline.showAll': '看全家的',
    'timeline.empty.mine': '你还没有上传过照片。',
    'timeline.empty.viewer': '家人上传照片后，会出现在这里。',
    'timeline.unboundHint.notOwner': '有些照片所在的存储空间已解绑，请家里的主人重新绑定。',
  },
  en: {
    'timeline.title': 'Timeline',
    'timeline.upload': 'Upload photos',
    'timeline.empty.title': 'No photos yet',
    'timeline.empty.body':
      'Tap "Upload photos" below to pick from your phone\'s album or take one. Photos are sorted by the day they were taken.',
    'timeline.loadFailed': 'Could not load photos: {message}',
    'timeline.unboundHint':
      'Some photos are in a bucket that is unbound; bind it again under Me → Storage to see them.',
    'timeline.action.save': 'Save to phone',
    'timeline.action.delete': 'Move to trash',
    'timeline.trashed': 'Moved to trash',
    'timeline.count': '{count} {count|photo|photos}',
    'timeline.onlyMine': 'Only mine',
    'timeline.showAll': 'Show everyone’s',
    'timeline.empty.mine': 'You have not uploaded any photos yet.',
    'timeline.empty.viewer': 'Photos will show up here once family adds them.',
    'timeline.unboundHint.notOwner':
      'Some photos are in a bucket that is unbound; ask the home’s owner to bind it again.',
  },
} as const;
