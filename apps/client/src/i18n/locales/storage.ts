/**
 * Storage settings: status, the bucket binding form and its step-by-step guide. The guide's console
 * paths follow Qiniu's console (portal.qiniu.com) as it is labelled in Chinese and in English. Only the
 * storage page (a weapp subpackage) says these: they load with it (i18n/storage-pages.ts).
 */
export const storageMessages = {
  'zh-CN': {
    'storage.ownerOnly': '照片存在哪里，由家里的主人（{owner}）来管。你在这里只能看看，不用做任何设置。',
    'storage.title': '存储设置',
    'storage.loading': '正在读取存储状态…',
    'storage.loadFailed': '读取存储状态失败：{message}',
    'storage.status.heading': '照片存在哪里',
    'storage.status.embedded': '服务器自带存储',
    'storage.status.embeddedHint':
      '还没有绑定七牛云空间，照片暂时存在这台服务器的磁盘上。绑定你自己的私有空间后，新照片会直接上传到你的空间。',
    'storage.status.qiniu': '七牛云 Kodo（你的空间）',
    'storage.status.bucket': '空间名称',
    'storage.status.domain': '访问域名',
    'storage.status.region': '存储区域',
    'storage.status.accessKey': 'AccessKey',
    'storage.status.verifiedAt': '验证时间',
    'storage.status.never': '未验证',
    'storage.status.lastError': '最近一次错误',
    'storage.status.unbound': '有 {count} 张照片在已解绑的空间里，重新绑定同一个空间后即可再看到它们。',
    'storage.bind.heading': '绑定七牛云空间',
    'storage.rotate.heading': '更换密钥',
    'storage.rotate.hint': '在七牛控制台新建一对密钥后，在这里填写同一个空间和新的密钥；验证通过后再停用旧密钥。',
    'storage.rotate.open': '更换密钥',
    'storage.unbind.open': '解除绑定',
    'storage.unbind.title': '解除绑定？',
    'storage.unbind.body':
      '解除后，服务器会删掉保存的密钥，新照片改存到服务器自带存储。已在空间「{bucket}」里的照片不会被删除，会在相册里显示为“空间未绑定”，重新绑定同一个空间后即可恢复显示。',
    'storage.unbind.confirm': '解除绑定',
    'storage.unbind.done': '已解除绑定',
    'storage.unbind.failed': '解除绑定失败：{message}',
    'storage.form.accessKey': 'AccessKey（AK）',
    'storage.form.secretKey': 'SecretKey（SK）',
    'storage.form.secretKeyHint': '只用于验证和签名，加密保存，任何时候都不会再显示出来。',
    'storage.form.bucket': '空间名称',
    'storage.form.domain': '空间域名',
    'storage.form.domainPlaceholder': 'https://img.example.com',
    'storage.form.region': '存储区域',
    'storage.region.z0': '华东-浙江',
    'storage.region.cn-east-2': '华东-浙江2',
    'storage.region.z1': '华北-河北',
    'storage.region.z2': '华南-广东',
    'storage.region.na0': '北美-洛杉矶',
    'storage.region.as0': '亚太-新加坡',
    'storage.form.regionPlaceholder': '选择空间所在区域',
    'storage.form.submit': '验证并绑定',
    'storage.form.verifying': '正在向七牛验证…',
    'storage.form.cancel': '取消',
    'storage.form.bound': '已绑定空间「{bucket}」，验证通过',
    'storage.error.accessKey.required': '请填写 AccessKey',
    'storage.error.accessKey.invalid': 'AccessKey 应是 20–64 位字母、数字、“_”或“-”，请从七牛控制台完整复制',
    'storage.error.secretKey.required': '请填写 SecretKey',
    'storage.error.secretKey.invalid': 'SecretKey 应是 20–64 位字母、数字、“_”或“-”，请从七牛控制台完整复制',
    'storage.error.bucket.required': '请填写空间名称',
    'storage.error.bucket.invalid': '空间名称是 3–63 位小写字母、数字或“-”，且不能以“-”开头或结尾',
    'storage.error.domain.required': '请填写空间绑定的域名',
    'storage.error.domain.invalid': '域名要带 http:// 或 https://，且只写到域名为止，例如 https://img.example.com',
    'storage.error.region.required': '请选择存储区域',
    'storage.error.region.invalid': '请从列表中选择存储区域',
    'storage.error.STORAGE_BAD_KEYS':
      '七牛不认这对密钥：请检查 AccessKey 和 SecretKey 是否完整、是否已停用，子账号是否有这个空间的权限',
    'storage.error.STORAGE_NO_SUCH_BUCKET': '七牛说没有这个空间：请检查空间名称（区分大小写），以及这对密钥能否看到它',
    'storage.error.STORAGE_WRONG_REGION': '空间不在所选区域：请到空间概览页查看“存储区域”后重新选择',
    'storage.error.STORAGE_DOMAIN_INVALID': '这个域名没有绑定到该空间：请在空间的“域名管理”里复制一个已生效的域名',
    'storage.error.STORAGE_UNREACHABLE': '暂时连不上七牛，没有保存任何改动：请稍后再试',
    'storage.error.STORAGE_NOT_BOUND': '当前没有绑定空间',
    'storage.error.other': '绑定失败：{message}',
    'storage.guide.heading': '绑定步骤',
    'storage.guide.intro':
      '照片会存在你自己的七牛云空间里，服务器只保存密钥（加密）和照片信息。按下面四步准备好再填写：',
    'storage.guide.step1.title': '1. 新建一个私有空间',
    'storage.guide.step1.body':
      '登录七牛控制台 portal.qiniu.com，进入“对象存储 Kodo → 空间管理 → 新建空间”。访问控制一定选“私有”：照片只能通过有时效的签名链接查看，别人猜到地址也打不开。记下空间名称和所选的存储区域。',
    'storage.guide.step2.title': '2. 创建密钥（推荐子账号）',
    'storage.guide.step2.body':
      '更安全的做法：在“访问控制 (IAM)”里新建一个子账号，只授权这一个空间的上传 (Upload)、下载 (Get)、列举 (List)、删除 (Delete) 和查询 (Stat) 权限，再为它创建密钥。这样即使密钥泄露，也只影响这个空间。也可以在“个人中心 → 密钥管理”使用主账号密钥，但不推荐。',
    'storage.guide.step3.title': '3. 找到空间的域名',
    'storage.guide.step3.body':
      '在空间的“域名管理”里找到已绑定的域名（测试域名或你自己的 CDN 加速域名），连同 http:// 或 https:// 一起复制，不要带路径。',
    'storage.guide.step4.title': '4. 选择存储区域',
    'storage.guide.step4.body':
      '在空间概览里查看“存储区域”，在下面选择同一个区域，然后点“验证并绑定”。服务器会先用这对密钥真实地访问一次空间，验证通过才保存。',
  },
  en: {
    'storage.ownerOnly':
      'Where the photos are kept is looked after by the home’s owner ({owner}). Nothing to set up here for you.',
    'storage.title': 'Storage',
    'storage.loading': 'Reading the storage status…',
    'storage.loadFailed': 'Could not read the storage status: {message}',
    'storage.status.heading': 'Where your photos live',
    'storage.status.embedded': "The server's built-in store",
    'storage.status.embeddedHint':
      "No Qiniu bucket is bound yet, so photos are kept on this server's disk. Bind your own private bucket and new photos go straight into it.",
    'storage.status.qiniu': 'Qiniu Kodo (your bucket)',
    'storage.status.bucket': 'Bucket',
    'storage.status.domain': 'Domain',
    'storage.status.region': 'Region',
    'storage.status.accessKey': 'AccessKey',
    'storage.status.verifiedAt': 'Verified',
    'storage.status.never': 'Not verified',
    'storage.status.lastError': 'Last error',
    'storage.status.unbound':
      '{count} {count|photo is|photos are} in a bucket that is no longer bound; bind the same bucket again to see {count|it|them}.',
    'storage.bind.heading': 'Bind a Qiniu bucket',
    'storage.rotate.heading': 'Rotate keys',
    'storage.rotate.hint':
      'Create a new key pair in the Qiniu console, enter the same bucket with the new keys here, and disable the old keys once this is verified.',
    'storage.rotate.open': 'Rotate keys',
    'storage.unbind.open': 'Unbind',
    'storage.unbind.title': 'Unbind the bucket?',
    'storage.unbind.body':
      'The server forgets the keys and new photos go to its built-in store. Photos already in "{bucket}" are not deleted: they stay listed as "bucket unbound" and come back when you bind the same bucket again.',
    'storage.unbind.confirm': 'Unbind',
    'storage.unbind.done': 'Bucket unbound',
    'storage.unbind.failed': 'Could not unbind: {message}',
    'storage.form.accessKey': 'AccessKey (AK)',
    'storage.form.secretKey': 'SecretKey (SK)',
    'storage.form.secretKeyHint': 'Used only to verify and sign; stored encrypted and never shown again.',
    'storage.form.bucket': 'Bucket name',
    'storage.form.domain': 'Bucket domain',
    'storage.form.domainPlaceholder': 'https://img.example.com',
    'storage.form.region': 'Region',
    'storage.region.z0': 'East China (Zhejiang)',
    'storage.region.cn-east-2': 'East China (Zhejiang 2)',
    'storage.region.z1': 'North China (Hebei)',
    'storage.region.z2': 'South China (Guangdong)',
    'storage.region.na0': 'North America (Los Angeles)',
    'storage.region.as0': 'Asia Pacific (Singapore)',
    'storage.form.regionPlaceholder': "Choose the bucket's region",
    'storage.form.submit': 'Verify and bind',
    'storage.form.verifying': 'Verifying with Qiniu…',
    'storage.form.cancel': 'Cancel',
    'storage.form.bound': 'Bucket "{bucket}" bound and verified',
    'storage.error.accessKey.required': 'Enter the AccessKey',
    'storage.error.accessKey.invalid':
      'An AccessKey is 20–64 letters, digits, "_" or "-": copy it whole from the Qiniu console',
    'storage.error.secretKey.required': 'Enter the SecretKey',
    'storage.error.secretKey.invalid':
      'A SecretKey is 20–64 letters, digits, "_" or "-": copy it whole from the Qiniu console',
    'storage.error.bucket.required': 'Enter the bucket name',
    'storage.error.bucket.invalid':
      'Bucket names are 3–63 lower-case letters, digits or "-", not starting or ending with "-"',
    'storage.error.domain.required': "Enter the bucket's domain",
    'storage.error.domain.invalid':
      'Give the domain with http:// or https:// and nothing after it, e.g. https://img.example.com',
    'storage.error.region.required': 'Choose the region',
    'storage.error.region.invalid': 'Choose a region from the list',
    'storage.error.STORAGE_BAD_KEYS':
      'Qiniu refused these keys: check that the AccessKey and SecretKey are complete and enabled, and that a sub-account may use this bucket',
    'storage.error.STORAGE_NO_SUCH_BUCKET':
      'Qiniu has no such bucket: check the name (it is case-sensitive) and that these keys can see it',
    'storage.error.STORAGE_WRONG_REGION':
      'The bucket is not in the chosen region: look up "Region" on the bucket overview and choose it again',
    'storage.error.STORAGE_DOMAIN_INVALID':
      'This domain is not bound to the bucket: copy an active domain from the bucket\'s "Domains" page',
    'storage.error.STORAGE_UNREACHABLE': 'Qiniu could not be reached and nothing was changed: try again in a moment',
    'storage.error.STORAGE_NOT_BOUND': 'No bucket is bound',
    'storage.error.other': 'Binding failed: {message}',
    'storage.guide.heading': 'How to bind',
    'storage.guide.intro':
      'Photos live in your own Qiniu bucket; the server keeps only the keys (encrypted) and the photo details. Prepare these four things first:',
    'storage.guide.step1.title': '1. Create a private bucket',
    'storage.guide.step1.body':
      'Sign in to the Qiniu console (portal.qiniu.com) and open Kodo → Buckets → Create bucket. Choose "Private" access: photos are then only readable through short-lived signed links, even if someone guesses an address. Note the bucket name and its region.',
    'storage.guide.step2.title': '2. Create keys (a sub-account is better)',
    'storage.guide.step2.body':
      'Safer: in Identity and Access Management (IAM) create a sub-account allowed only Upload, Get, List, Delete and Stat on this one bucket, and create its keys. A leaked key then exposes this bucket only. Your main account keys (Personal Center → Key Management) also work but are not recommended.',
    'storage.guide.step3.title': "3. Find the bucket's domain",
    'storage.guide.step3.body':
      'On the bucket\'s "Domains" page find a bound domain (the test domain or your own CDN domain) and copy it with http:// or https://, without any path.',
    'storage.guide.step4.title': '4. Pick the region',
    'storage.guide.step4.body':
      'Look up "Region" on the bucket overview, choose the same one below and tap "Verify and bind". The server uses the keys for real once and saves them only if that works.',
  },
} as const;
