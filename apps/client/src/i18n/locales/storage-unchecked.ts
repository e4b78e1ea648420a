/**
 * What a binding's verification could not check (bind's `unchecked` codes), shown on the storage page after a
 * bind with what the owner sets by hand. Loaded with the storage page (i18n/storage-pages.ts).
 */
export const storageUncheckedMessages = {
  'zh-CN': {
    'storage.unchecked.heading': '绑定成功，但有一项没能检查',
    'storage.unchecked.corsUnchecked.minioServer':
      '这台 MinIO 不支持读取存储桶的跨域（CORS）规则，所以没能确认网页版能否上传。MinIO 的跨域设置对整台服务器生效：MINIO_API_CORS_ALLOW_ORIGIN（或 mc admin config set <别名> api cors_allow_origin=…）须是 "*"（默认值）或包含 {origin}，改后重启 MinIO。',
    'storage.unchecked.corsUnchecked.bucketRules':
      '这个存储不支持读取存储桶的跨域（CORS）规则，所以没能确认网页版能否上传。请在存储桶的跨域设置里手动加上下面的规则，允许 {origin} 上传。',
  },
  en: {
    'storage.unchecked.heading': 'Bound, but one thing could not be checked',
    'storage.unchecked.corsUnchecked.minioServer':
      'This MinIO does not show its bucket CORS rules, so whether the web app can upload was not checked. MinIO sets CORS for the whole server: MINIO_API_CORS_ALLOW_ORIGIN (or mc admin config set <alias> api cors_allow_origin=…) must be "*" (its default) or include {origin}; restart MinIO after changing it.',
    'storage.unchecked.corsUnchecked.bucketRules':
      'This storage does not show its bucket CORS rules, so whether the web app can upload was not checked. Add the rule below to the bucket’s CORS settings by hand, so that {origin} may upload.',
  },
} as const;
