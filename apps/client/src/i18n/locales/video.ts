/** Videos: the grid's cell, the viewer's player, the upload list's row. */
export const videoMessages = {
  'zh-CN': {
    'video.label': '视频',
    'video.labelWithDuration': '视频 {duration}',
    'video.cannotPlay': '这个视频无法在这里播放（可能是此设备不支持的编码，如 HEVC），可以下载后观看',
    'video.download': '下载视频',
    'video.info.duration': '时长',
    'video.saved': '视频已保存到手机相册',
  },
  en: {
    'video.label': 'Video',
    'video.labelWithDuration': 'Video {duration}',
    'video.cannotPlay':
      'This video cannot play here (its encoding, e.g. HEVC, may not be supported); download it to watch',
    'video.download': 'Download video',
    'video.info.duration': 'Length',
    'video.saved': 'Video saved to your phone',
  },
} as const;
