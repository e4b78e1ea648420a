/** Large files sent in parts (upload/multipart): the network waits, restarts, failures and interrupted uploads. */
export const uploadMultipartMessages = {
  'zh-CN': {
    'upload.status.waitingForNetwork': '网络断开了，恢复后自动继续',
    'upload.restarted': '之前中断的上传已失效，已从头重新上传',
    'upload.multipart.expired': '上传授权过期了，点重试从头再传',
    'upload.multipart.gone': '存储里已经没有这次上传了，点重试从头再传',
    'upload.multipart.exhausted': '网络不稳定，重试多次仍未成功（{message}），点重试从断点继续',
    'upload.multipart.refused': '存储拒绝了上传：{message}',
    'upload.multipart.protocol': '存储的回答不完整（{message}）；如果是 S3 存储桶，请检查 CORS 是否暴露了 ETag',
    'upload.interrupted.title': '{count} 个大文件的上传中断了',
    'upload.interrupted.hintPickAgain': '再选一次同一个文件，就会从中断的地方继续，不用从头传。',
    'upload.interrupted.hintContinue': '会自动从中断的地方继续；文件已经不在手机上的，可以不再继续。',
    'upload.interrupted.forget': '不再继续',
    'upload.interrupted.item': '{name} · 已传 {done}/{total} 段',
  },
  en: {
    'upload.status.waitingForNetwork': 'Offline: continues by itself when the network returns',
    'upload.restarted': 'The interrupted upload had lapsed, so it started again from the beginning',
    'upload.multipart.expired': 'The upload permission expired; tap Retry to send it again',
    'upload.multipart.gone': 'The storage no longer has this upload; tap Retry to send it again',
    'upload.multipart.exhausted':
      'The network kept failing after several tries ({message}); tap Retry to continue where it stopped',
    'upload.multipart.refused': 'The storage refused the upload: {message}',
    'upload.multipart.protocol':
      'The storage answered incompletely ({message}); for an S3 bucket, check that its CORS rules expose ETag',
    'upload.interrupted.title': '{count} large {count|upload was|uploads were} interrupted',
    'upload.interrupted.hintPickAgain':
      'Pick the same file again and it continues where it stopped, not from the start.',
    'upload.interrupted.hintContinue':
      'They continue where they stopped by themselves; forget those whose file is no longer on this phone.',
    'upload.interrupted.forget': 'Forget',
    'upload.interrupted.item': '{name} · {done}/{total} {total|part|parts} sent',
  },
} as const;
