/**
 * Storage settings for S3-compatible buckets: the provider picker, the S3 binding form, its refusals and
 * the CORS rule block. Loaded with the storage page (i18n/storage-pages.ts), outside the weapp main package.
 */
export const storageS3Messages = {
  'zh-CN': {
    'storage.provider.heading': '照片存到哪家',
    'storage.provider.qiniu': '七牛云 Kodo',
    'storage.provider.cos': '腾讯云 COS',
    'storage.provider.oss': '阿里云 OSS',
    'storage.provider.r2': 'Cloudflare R2',
    'storage.provider.minio': 'MinIO',
    'storage.provider.aws': 'AWS S3',
    'storage.provider.custom': '其他 S3 兼容',
    'storage.status.s3': '{provider}（你的存储桶）',
    'storage.status.endpoint': 'Endpoint',
    'storage.status.s3Region': '区域',
    'storage.status.pathStyle': '访问方式',
    'storage.status.pathStyleOn': '路径风格（endpoint/存储桶）',
    'storage.status.pathStyleOff': '虚拟主机（存储桶.endpoint）',
    'storage.s3.bind.heading': '绑定{provider}存储桶',
    'storage.s3.form.bucket': '存储桶名称',
    'storage.s3.form.bucketHint.cos': '腾讯云的存储桶名称带 APPID，要完整填写，例如 photos-1250000000',
    'storage.s3.form.region': '区域（Region）',
    'storage.s3.form.regionHint': '点选常用区域，或填写控制台里显示的区域 ID',
    'storage.s3.form.regionOptionalHint': '可不填：默认 us-east-1；MinIO 设置了 MINIO_REGION 时填同一个',
    'storage.s3.form.accountId': 'Cloudflare 账户 ID',
    'storage.s3.form.accountIdHint': '在 Cloudflare 控制台 R2 概览页右侧的“账户 ID”，32 位',
    'storage.s3.form.endpoint': 'Endpoint（S3 API 地址）',
    'storage.s3.form.endpointPlaceholder': 'https://s3.example.com:9000',
    'storage.s3.form.endpointHint': '写到端口为止，不带路径；MinIO 是 API 端口（默认 9000），不是控制台端口',
    'storage.s3.form.pathStyle': '路径风格访问（path-style）',
    'storage.s3.form.on': '开',
    'storage.s3.form.off': '关',
    'storage.s3.form.pathStyleHint':
      '开：https://endpoint/存储桶/…；关：https://存储桶.endpoint/…。MinIO 没有设置 MINIO_DOMAIN 时保持打开。',
    'storage.s3.form.domain': '自定义域名（可选）',
    'storage.s3.form.domainHint':
      '绑定到这个存储桶、从根路径提供它的 CDN 或自定义域名，照片链接会用它；不填就用 Endpoint',
    'storage.s3.form.verifying': '正在向{provider}验证…',
    'storage.s3.error.accessKey.required': '请填写访问密钥 ID',
    'storage.s3.error.accessKey.invalid': '密钥 ID 是 3–128 位字母、数字或 + / = _ . -，请从控制台完整复制',
    'storage.s3.error.secretKey.required': '请填写密钥',
    'storage.s3.error.secretKey.invalid': '密钥是 3–128 位字母、数字或 + / = _ . -，请从控制台完整复制',
    'storage.s3.error.bucket.required': '请填写存储桶名称',
    'storage.s3.error.bucket.invalid': '存储桶名称是 3–63 位小写字母、数字、“.”或“-”，以字母或数字开头和结尾',
    'storage.s3.error.accountId.required': '请填写 Cloudflare 账户 ID',
    'storage.s3.error.accountId.invalid': '账户 ID 是 32 位十六进制字符（0–9、a–f），在 R2 概览页右侧复制',
    'storage.s3.error.endpoint.required': '请填写 Endpoint',
    'storage.s3.error.endpoint.invalid':
      'Endpoint 要带 http:// 或 https://，只写到端口为止，例如 https://s3.example.com:9000',
    'storage.s3.error.region.required': '请选择或填写区域',
    'storage.s3.error.region.invalid': '区域 ID 形如 {example}，请从控制台复制',
    'storage.s3.error.domain.required': '请填写域名',
    'storage.s3.error.domain.invalid': '域名要带 http:// 或 https://，且只写到域名为止，例如 https://img.example.com',
    'storage.s3.error.STORAGE_BAD_KEYS':
      '{provider}不认这对密钥，或它没有这个存储桶的权限：检查两个密钥是否完整、未停用，以及授权策略是否包含这个存储桶',
    'storage.s3.error.STORAGE_NO_SUCH_BUCKET':
      '{provider}说没有这个存储桶：检查名称（全部小写）以及所选区域或 Endpoint',
    'storage.s3.error.STORAGE_WRONG_REGION':
      '存储桶不在这个区域，或 Endpoint / 访问方式不对：到存储桶概览里查看它所在的区域（自建服务检查地址和路径风格开关）',
    'storage.s3.error.STORAGE_DOMAIN_INVALID': '这个域名没有提供该存储桶：填写绑定到这个存储桶的域名，或留空',
    'storage.s3.error.STORAGE_UNREACHABLE':
      '连不上{provider}，没有保存任何改动：检查 Endpoint 是否正确、服务器能否访问它，稍后再试',
    'storage.s3.error.STORAGE_CLOCK_SKEW':
      '服务器的时钟和{provider}相差太多，签名链接会被拒绝：请服务器管理员校准时间（开启 NTP 自动同步），也检查这台设备的时间是否正确，然后再验证',
    'storage.s3.error.STORAGE_CORS_MISSING':
      '存储桶的跨域（CORS）规则不允许网页版从 {origin} 上传：按下面的规则在存储桶的跨域设置里添加一条，保存后再验证',
    'storage.s3.error.STORAGE_ENDPOINT_NOT_ALLOWED':
      '这台服务器不允许绑定自建地址（MinIO 或其他 S3 兼容）：请服务器管理员设置 XIAOJIA_S3_OWN_ENDPOINTS=true 后重启，或改用列表里的云服务',
    'storage.s3.error.detail': '存储返回：{detail}',
    'storage.cors.heading': '跨域（CORS）规则',
    'storage.cors.intro': '网页版直接把照片上传到存储桶，浏览器需要存储桶允许这个来源：',
    'storage.cors.origins': '来源 Origin',
    'storage.cors.methods': '允许的方法 Methods',
    'storage.cors.headers': '允许的头 Allow-Headers',
    'storage.cors.expose': '暴露的头 Expose-Headers',
    'storage.cors.maxAge': '缓存时间 Max-Age（秒）',
    'storage.cors.json': '用 JSON 填写的控制台（R2、AWS、mc cors）粘贴这段：',
    'storage.policy.heading': '最小权限策略',
    'storage.policy.intro': '只授予这一个存储桶里需要的操作（存储桶名称取自下面填写的）：',
  },
  en: {
    'storage.provider.heading': 'Where photos are stored',
    'storage.provider.qiniu': 'Qiniu Kodo',
    'storage.provider.cos': 'Tencent COS',
    'storage.provider.oss': 'Aliyun OSS',
    'storage.provider.r2': 'Cloudflare R2',
    'storage.provider.minio': 'MinIO',
    'storage.provider.aws': 'AWS S3',
    'storage.provider.custom': 'S3-compatible (other)',
    'storage.status.s3': '{provider} (your bucket)',
    'storage.status.endpoint': 'Endpoint',
    'storage.status.s3Region': 'Region',
    'storage.status.pathStyle': 'Addressing',
    'storage.status.pathStyleOn': 'Path-style (endpoint/bucket)',
    'storage.status.pathStyleOff': 'Virtual-host (bucket.endpoint)',
    'storage.s3.bind.heading': 'Bind your {provider} bucket',
    'storage.s3.form.bucket': 'Bucket name',
    'storage.s3.form.bucketHint.cos': 'Tencent bucket names include the APPID: enter it whole, e.g. photos-1250000000',
    'storage.s3.form.region': 'Region',
    'storage.s3.form.regionHint': 'Tap a common region or type the region id the console shows',
    'storage.s3.form.regionOptionalHint': 'Optional: us-east-1 by default; if MinIO sets MINIO_REGION, enter the same',
    'storage.s3.form.accountId': 'Cloudflare account ID',
    'storage.s3.form.accountIdHint': 'The 32-character "Account ID" on the right of the R2 overview page',
    'storage.s3.form.endpoint': 'Endpoint (S3 API address)',
    'storage.s3.form.endpointPlaceholder': 'https://s3.example.com:9000',
    'storage.s3.form.endpointHint':
      "Up to the port, no path; for MinIO the API port (9000 by default), not the console's",
    'storage.s3.form.pathStyle': 'Path-style addressing',
    'storage.s3.form.on': 'On',
    'storage.s3.form.off': 'Off',
    'storage.s3.form.pathStyleHint':
      'On: https://endpoint/bucket/…; off: https://bucket.endpoint/…. Keep it on for MinIO without MINIO_DOMAIN.',
    'storage.s3.form.domain': 'Custom domain (optional)',
    'storage.s3.form.domainHint':
      'A CDN or custom domain bound to this bucket and serving it at its root; photo links use it. Empty: the endpoint',
    'storage.s3.form.verifying': 'Verifying with {provider}…',
    'storage.s3.error.accessKey.required': 'Enter the access key ID',
    'storage.s3.error.accessKey.invalid':
      'An access key ID is 3–128 letters, digits or + / = _ . -: copy it whole from the console',
    'storage.s3.error.secretKey.required': 'Enter the secret key',
    'storage.s3.error.secretKey.invalid':
      'A secret key is 3–128 letters, digits or + / = _ . -: copy it whole from the console',
    'storage.s3.error.bucket.required': 'Enter the bucket name',
    'storage.s3.error.bucket.invalid':
      'Bucket names are 3–63 lower-case letters, digits, "." or "-", starting and ending with a letter or digit',
    'storage.s3.error.accountId.required': 'Enter the Cloudflare account ID',
    'storage.s3.error.accountId.invalid':
      'An account ID is 32 hexadecimal characters (0–9, a–f): copy it from the right of the R2 overview page',
    'storage.s3.error.endpoint.required': 'Enter the endpoint',
    'storage.s3.error.endpoint.invalid':
      'Give the endpoint with http:// or https:// and nothing after the port, e.g. https://s3.example.com:9000',
    'storage.s3.error.region.required': 'Choose or enter the region',
    'storage.s3.error.region.invalid': 'Region ids look like {example}: copy it from the console',
    'storage.s3.error.domain.required': 'Enter the domain',
    'storage.s3.error.domain.invalid':
      'Give the domain with http:// or https:// and nothing after it, e.g. https://img.example.com',
    'storage.s3.error.STORAGE_BAD_KEYS':
      '{provider} refused these keys, or they may not use this bucket: check both keys are complete and active, and that the policy names this bucket',
    'storage.s3.error.STORAGE_NO_SUCH_BUCKET':
      '{provider} has no such bucket: check the name (all lower-case) and the region or endpoint chosen',
    'storage.s3.error.STORAGE_WRONG_REGION':
      'The bucket is not in this region, or the endpoint or addressing is wrong: look up its region on the bucket overview (for your own server, check the address and the path-style switch)',
    'storage.s3.error.STORAGE_DOMAIN_INVALID':
      'This domain does not serve the bucket: enter a domain bound to this bucket, or leave it empty',
    'storage.s3.error.STORAGE_UNREACHABLE':
      '{provider} could not be reached and nothing was changed: check the endpoint and that the server can reach it, then try again',
    'storage.s3.error.STORAGE_CLOCK_SKEW':
      "The server's clock is too far off {provider}'s, so signed links would be refused: ask the server's administrator to set the time right (turn on NTP sync), check this device's time too, then verify again",
    'storage.s3.error.STORAGE_CORS_MISSING':
      "The bucket's CORS rules do not let the web app upload from {origin}: add the rule below in the bucket's CORS settings, save, and verify again",
    'storage.s3.error.STORAGE_ENDPOINT_NOT_ALLOWED':
      'This server does not bind buckets on an address of their own (MinIO or other S3-compatible): ask its administrator to set XIAOJIA_S3_OWN_ENDPOINTS=true and restart, or choose a cloud provider from the list',
    'storage.s3.error.detail': 'Storage said: {detail}',
    'storage.cors.heading': 'CORS rule',
    'storage.cors.intro': 'The web app uploads photos straight to the bucket, so the bucket must allow its origin:',
    'storage.cors.origins': 'Allowed origins',
    'storage.cors.methods': 'Allowed methods',
    'storage.cors.headers': 'Allowed headers',
    'storage.cors.expose': 'Expose headers',
    'storage.cors.maxAge': 'Max age (seconds)',
    'storage.cors.json': 'Consoles that take JSON (R2, AWS, mc cors) take this:',
    'storage.policy.heading': 'Least-privilege policy',
    'storage.policy.intro': 'Allow only what is needed, on this bucket only (its name is taken from the form below):',
  },
} as const;
