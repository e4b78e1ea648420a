/**
 * The step-by-step guide for each S3-compatible provider on the binding screen (Qiniu's is in storage.ts):
 * a private bucket, keys limited to that bucket, the CORS rule for the web app, and what to enter. Console
 * paths as each console labels them in Chinese and in English (checked against their documentation:
 * COS 436/13312 and CAM 598/10603, OSS 31936 and RAM 93720, R2 "Authentication" and "Configure CORS",
 * MinIO `mc admin policy`, AWS S3 User Guide "Creating a bucket" and "CORS configuration"). Loaded with the
 * storage page (i18n/storage-pages.ts).
 */
export const storageGuidesMessages = {
  'zh-CN': {
    'storage.guide.s3.intro':
      '照片会存在你自己的{provider}存储桶里，服务器只保存密钥（加密）和照片信息。按下面四步准备好再填写：',
    'storage.guide.cos.step1.title': '1. 新建一个私有存储桶',
    'storage.guide.cos.step1.body':
      '登录腾讯云控制台，进入“对象存储 COS → 存储桶列表 → 创建存储桶”。访问权限选“私有读写”。记下完整的存储桶名称（带 APPID，例如 photos-1250000000）和所属地域（例如 ap-guangzhou）。',
    'storage.guide.cos.step2.title': '2. 创建只管这个存储桶的子用户',
    'storage.guide.cos.step2.body':
      '进入“访问管理 CAM → 策略 → 新建自定义策略 → 按策略语法创建 → 空白模板”，粘贴下面的策略；再到“用户 → 用户列表 → 新建用户 → 自定义创建”，访问方式勾选“编程访问”，只关联这条策略。创建后在用户详情的“API 密钥”里得到 SecretId 和 SecretKey。',
    'storage.guide.cos.step3.title': '3. 允许网页版跨域上传',
    'storage.guide.cos.step3.body':
      '在存储桶里打开“安全管理 → 跨域访问 CORS 设置 → 添加规则”，按下面的规则填写来源、操作（PUT、POST、GET、HEAD）、Allow-Headers 和 Expose-Headers，保存。',
    'storage.guide.cos.step4.title': '4. 填写并验证',
    'storage.guide.cos.step4.body':
      '在下面选择地域，填写存储桶名称和这对密钥；用自定义 CDN 域名访问的话填在“自定义域名”。点“验证并绑定”：服务器会真实地写入、读取并删除一个测试文件，并检查跨域规则，全部通过才保存。',
    'storage.guide.oss.step1.title': '1. 新建一个私有 Bucket',
    'storage.guide.oss.step1.body':
      '登录阿里云 OSS 管理控制台，进入“Bucket 列表 → 创建 Bucket”。读写权限选“私有”，阻止公共访问保持开启。记下 Bucket 名称和地域（例如 cn-hangzhou）。2025 年 3 月 20 日后新开通的账号在中国内地地域必须用自定义域名访问数据：在“Bucket 配置 → 域名管理 → 绑定域名”里绑定一个，后面填在“自定义域名”。',
    'storage.guide.oss.step2.title': '2. 创建只管这个 Bucket 的 RAM 用户',
    'storage.guide.oss.step2.body':
      '进入“RAM 访问控制 → 权限管理 → 权限策略 → 创建权限策略 → 脚本编辑”，粘贴下面的策略；再到“身份管理 → 用户 → 创建用户”，访问方式勾选“使用永久 AccessKey 访问”，然后在“添加权限”里只授予这条自定义策略。保存创建时显示的 AccessKey ID 和 AccessKey Secret（只显示一次）。',
    'storage.guide.oss.step3.title': '3. 允许网页版跨域上传',
    'storage.guide.oss.step3.body':
      '在 Bucket 里打开“数据安全 → 跨域设置 → 创建规则”，按下面的规则填写来源、允许 Methods（PUT、POST、GET、HEAD）、允许 Headers、暴露 Headers 和缓存时间，确定。',
    'storage.guide.oss.step4.title': '4. 填写并验证',
    'storage.guide.oss.step4.body':
      '在下面选择地域，填写 Bucket 名称和这对 AccessKey，绑定了自定义域名就填上。点“验证并绑定”：服务器会真实地写入、读取并删除一个测试文件，并检查跨域规则，全部通过才保存。',
    'storage.guide.r2.step1.title': '1. 新建一个存储桶（保持不公开）',
    'storage.guide.r2.step1.body':
      '登录 Cloudflare 控制台，进入“R2 对象存储 → 创建存储桶”。R2 存储桶默认不公开：不要在“设置”里开启 r2.dev 公共访问。记下存储桶名称，以及 R2 概览页右侧的“账户 ID”。',
    'storage.guide.r2.step2.title': '2. 创建只管这个存储桶的 API 令牌',
    'storage.guide.r2.step2.body':
      '在 R2 概览页点“管理 R2 API 令牌 → 创建 API 令牌”，权限选“对象读和写”，“指定存储桶”选“仅应用于特定存储桶”并只选这一个，创建。复制显示的“访问密钥 ID”（Access Key ID）和“机密访问密钥”（Secret Access Key），只显示一次。',
    'storage.guide.r2.step3.title': '3. 允许网页版跨域上传',
    'storage.guide.r2.step3.body':
      '在存储桶的“设置 → CORS 策略 → 添加 CORS 策略”里粘贴下面的 JSON（R2 不支持表单上传，网页版用 PUT 上传），保存。',
    'storage.guide.r2.step4.title': '4. 填写并验证',
    'storage.guide.r2.step4.body':
      '在下面填写账户 ID、存储桶名称和这对密钥；在“设置 → 自定义域”里给存储桶接了自己的域名就填在“自定义域名”。点“验证并绑定”：服务器会真实地写入、读取并删除一个测试文件，并检查跨域规则。',
    'storage.guide.minio.step1.title': '1. 新建一个私有存储桶',
    'storage.guide.minio.step1.body':
      '用 mc 连接你的 MinIO：mc alias set home https://minio.example.com:9000 管理员账号 管理员密码；mc mb home/family-photos。新存储桶默认私有，不要执行 mc anonymous set。',
    'storage.guide.minio.step2.title': '2. 创建只管这个存储桶的用户',
    'storage.guide.minio.step2.body':
      '把下面的策略存为 xiaojia.json，然后执行：mc admin policy create home xiaojia xiaojia.json；mc admin user add home xiaojia 一个足够长的密钥；mc admin policy attach home xiaojia --user xiaojia。这个用户名和密钥就是 Access Key 和 Secret Key。',
    'storage.guide.minio.step3.title': '3. 允许网页版跨域上传',
    'storage.guide.minio.step3.body':
      'MinIO 默认允许所有来源；若启动时用 MINIO_API_CORS_ALLOW_ORIGIN 限制了来源，把网页版的地址加进去并重启。支持按存储桶设置的版本，用 mc cors set home/family-photos 设置下面的规则。',
    'storage.guide.minio.step4.title': '4. 填写并验证',
    'storage.guide.minio.step4.body':
      '填写 MinIO 的 API 地址（例如 https://minio.example.com:9000），没有设置 MINIO_DOMAIN 就保持“路径风格访问”打开。服务器要设置 XIAOJIA_S3_OWN_ENDPOINTS=true 才允许绑定自建地址。点“验证并绑定”：服务器会真实地写入、读取并删除一个测试文件。',
    'storage.guide.aws.step1.title': '1. 新建一个私有存储桶',
    'storage.guide.aws.step1.body':
      '在 AWS 控制台打开“S3 → 存储桶 → 创建存储桶”，选好区域（例如 ap-east-1），“对象所有权”保持“已禁用 ACL”，“阻止所有公开访问”保持勾选。记下存储桶名称和区域。',
    'storage.guide.aws.step2.title': '2. 创建只管这个存储桶的 IAM 用户',
    'storage.guide.aws.step2.body':
      '在“IAM → 策略 → 创建策略 → JSON”里粘贴下面的策略并保存；再到“IAM → 用户 → 创建用户”，不给控制台访问权限，“直接附加策略”只选这条。然后在用户的“安全凭证 → 创建访问密钥”里选“在 AWS 外部运行的应用程序”，保存访问密钥 ID 和秘密访问密钥。',
    'storage.guide.aws.step3.title': '3. 允许网页版跨域上传',
    'storage.guide.aws.step3.body': '在存储桶的“权限 → 跨源资源共享 (CORS) → 编辑”里粘贴下面的 JSON，保存更改。',
    'storage.guide.aws.step4.title': '4. 填写并验证',
    'storage.guide.aws.step4.body':
      '在下面选择或填写区域，填写存储桶名称和这对访问密钥，“自定义域名”留空。点“验证并绑定”：服务器会真实地写入、读取并删除一个测试文件，并检查跨域规则，全部通过才保存。',
    'storage.guide.custom.step1.title': '1. 新建一个私有存储桶',
    'storage.guide.custom.step1.body':
      '在服务商的控制台新建存储桶，访问权限选私有（不允许匿名读写）。记下存储桶名称、服务商文档里的 S3 兼容 Endpoint 和区域。',
    'storage.guide.custom.step2.title': '2. 创建只管这个存储桶的密钥',
    'storage.guide.custom.step2.body':
      '创建一个子账号或 API 密钥，只授权这个存储桶的写入、读取、删除和查看对象，以及读取存储桶跨域规则（下面是 S3 写法的策略，按服务商的语法改写）。',
    'storage.guide.custom.step3.title': '3. 允许网页版跨域上传',
    'storage.guide.custom.step3.body': '在存储桶的跨域（CORS）设置里添加下面的规则。',
    'storage.guide.custom.step4.title': '4. 填写并验证',
    'storage.guide.custom.step4.body':
      '填写 Endpoint，按服务商文档设置路径风格开关，需要时填写区域。服务器要设置 XIAOJIA_S3_OWN_ENDPOINTS=true 才允许绑定自定义地址。点“验证并绑定”：服务器会真实地写入、读取并删除一个测试文件，并检查跨域规则。',
  },
  en: {
    'storage.guide.s3.intro':
      'Photos live in your own {provider} bucket; the server keeps only the keys (encrypted) and the photo details. Prepare these four things first:',
    'storage.guide.cos.step1.title': '1. Create a private bucket',
    'storage.guide.cos.step1.body':
      'In the Tencent Cloud console open Cloud Object Storage → Bucket List → Create Bucket. Choose "Private Read/Write" access. Note the full bucket name (it includes the APPID, e.g. photos-1250000000) and its region (e.g. ap-guangzhou).',
    'storage.guide.cos.step2.title': '2. Create a sub-user for this bucket only',
    'storage.guide.cos.step2.body':
      'In Cloud Access Management open Policies → Create Custom Policy → Create by Policy Syntax → Blank Template and paste the policy below. Then open Users → User List → Create User → Custom Creation, choose "Programming access" and associate only this policy. Its SecretId and SecretKey are under "API Keys" on the user page.',
    'storage.guide.cos.step3.title': '3. Allow uploads from the web app (CORS)',
    'storage.guide.cos.step3.body':
      'In the bucket open Security Management → CORS (Cross-Origin Resource Sharing) → Add Rule, and fill in the origin, the methods (PUT, POST, GET, HEAD), Allow-Headers and Expose-Headers as in the rule below. Save.',
    'storage.guide.cos.step4.title': '4. Enter it and verify',
    'storage.guide.cos.step4.body':
      'Choose the region below and enter the bucket name and the keys; a custom CDN domain goes in "Custom domain". Tap "Verify and bind": the server writes, reads and deletes a test object for real and checks the CORS rules, and saves only if all of that works.',
    'storage.guide.oss.step1.title': '1. Create a private bucket',
    'storage.guide.oss.step1.body':
      'In the Aliyun OSS console open Buckets → Create Bucket. Choose "Private" ACL and keep Block Public Access on. Note the bucket name and region (e.g. cn-hangzhou). Accounts opened after 20 March 2025 must use a custom domain for data in mainland China regions: bind one under Bucket Settings → Domain Names → Map Custom Domain Name and enter it as the custom domain.',
    'storage.guide.oss.step2.title': '2. Create a RAM user for this bucket only',
    'storage.guide.oss.step2.body':
      'In Resource Access Management open Permissions → Policies → Create Policy → JSON and paste the policy below. Then open Identities → Users → Create User, tick "Using permanent AccessKey to access", and under Grant Permission attach only this policy. Save the AccessKey ID and AccessKey Secret shown at creation (they are shown once).',
    'storage.guide.oss.step3.title': '3. Allow uploads from the web app (CORS)',
    'storage.guide.oss.step3.body':
      'In the bucket open Data Security → CORS → Create Rule and fill in the origin, allowed methods (PUT, POST, GET, HEAD), allowed headers, exposed headers and cache time as in the rule below.',
    'storage.guide.oss.step4.title': '4. Enter it and verify',
    'storage.guide.oss.step4.body':
      'Choose the region below and enter the bucket name and the AccessKey pair, and the custom domain if you bound one. Tap "Verify and bind": the server writes, reads and deletes a test object for real and checks the CORS rules, and saves only if all of that works.',
    'storage.guide.r2.step1.title': '1. Create a bucket (keep it private)',
    'storage.guide.r2.step1.body':
      'In the Cloudflare dashboard open R2 Object Storage → Create bucket. R2 buckets are private by default: do not turn on the r2.dev public URL in Settings. Note the bucket name and the "Account ID" on the right of the R2 overview page.',
    'storage.guide.r2.step2.title': '2. Create an API token for this bucket only',
    'storage.guide.r2.step2.body':
      'On the R2 overview click Manage R2 API Tokens → Create API token, choose the "Object Read & Write" permission and, under "Specify bucket(s)", "Apply to specific buckets only" with just this bucket. Copy the Access Key ID and Secret Access Key shown (only once).',
    'storage.guide.r2.step3.title': '3. Allow uploads from the web app (CORS)',
    'storage.guide.r2.step3.body':
      'In the bucket open Settings → CORS Policy → Add CORS policy and paste the JSON below (R2 takes no form uploads: the web app uploads by PUT). Save.',
    'storage.guide.r2.step4.title': '4. Enter it and verify',
    'storage.guide.r2.step4.body':
      'Enter the account ID, the bucket name and the keys below; a domain connected under Settings → Custom Domains goes in "Custom domain". Tap "Verify and bind": the server writes, reads and deletes a test object for real and checks the CORS rules.',
    'storage.guide.minio.step1.title': '1. Create a private bucket',
    'storage.guide.minio.step1.body':
      'Connect mc to your MinIO: mc alias set home https://minio.example.com:9000 ADMIN_USER ADMIN_PASSWORD; then mc mb home/family-photos. New buckets are private: do not run mc anonymous set.',
    'storage.guide.minio.step2.title': '2. Create a user for this bucket only',
    'storage.guide.minio.step2.body':
      'Save the policy below as xiaojia.json and run: mc admin policy create home xiaojia xiaojia.json; mc admin user add home xiaojia A_LONG_SECRET; mc admin policy attach home xiaojia --user xiaojia. That user name and secret are the Access Key and Secret Key.',
    'storage.guide.minio.step3.title': '3. Allow uploads from the web app (CORS)',
    'storage.guide.minio.step3.body':
      "MinIO allows every origin by default; if it was started with MINIO_API_CORS_ALLOW_ORIGIN limiting them, add the web app's address and restart. Versions with per-bucket CORS take the rule below through mc cors set home/family-photos.",
    'storage.guide.minio.step4.title': '4. Enter it and verify',
    'storage.guide.minio.step4.body':
      'Enter the MinIO API address (e.g. https://minio.example.com:9000) and keep path-style on unless MINIO_DOMAIN is set. The server must run with XIAOJIA_S3_OWN_ENDPOINTS=true to bind an address of your own. Tap "Verify and bind": the server writes, reads and deletes a test object for real.',
    'storage.guide.aws.step1.title': '1. Create a private bucket',
    'storage.guide.aws.step1.body':
      'In the AWS console open S3 → Buckets → Create bucket, pick the region (e.g. ap-east-1), keep Object Ownership at "ACLs disabled" and "Block all public access" ticked. Note the bucket name and region.',
    'storage.guide.aws.step2.title': '2. Create an IAM user for this bucket only',
    'storage.guide.aws.step2.body':
      'In IAM → Policies → Create policy → JSON paste the policy below and save it. Then IAM → Users → Create user, without console access, and "Attach policies directly" with only this policy. Under the user\'s Security credentials → Create access key choose "Application running outside AWS" and keep the access key ID and secret access key.',
    'storage.guide.aws.step3.title': '3. Allow uploads from the web app (CORS)',
    'storage.guide.aws.step3.body':
      'In the bucket open Permissions → Cross-origin resource sharing (CORS) → Edit, paste the JSON below and save changes.',
    'storage.guide.aws.step4.title': '4. Enter it and verify',
    'storage.guide.aws.step4.body':
      'Choose or type the region below, enter the bucket name and the access keys, and leave "Custom domain" empty. Tap "Verify and bind": the server writes, reads and deletes a test object for real and checks the CORS rules, and saves only if all of that works.',
    'storage.guide.custom.step1.title': '1. Create a private bucket',
    'storage.guide.custom.step1.body':
      "In your provider's console create a bucket with private access (no anonymous reads or writes). Note its name and the S3-compatible endpoint and region from the provider's documentation.",
    'storage.guide.custom.step2.title': '2. Create keys for this bucket only',
    'storage.guide.custom.step2.body':
      "Create a sub-account or API key allowed only to write, read, delete and inspect objects in this bucket and to read its CORS rules (the policy below is in S3's syntax: adapt it to the provider's).",
    'storage.guide.custom.step3.title': '3. Allow uploads from the web app (CORS)',
    'storage.guide.custom.step3.body': "Add the rule below to the bucket's CORS settings.",
    'storage.guide.custom.step4.title': '4. Enter it and verify',
    'storage.guide.custom.step4.body':
      'Enter the endpoint, set path-style as the provider documents, and the region if it needs one. The server must run with XIAOJIA_S3_OWN_ENDPOINTS=true to bind an address of your own. Tap "Verify and bind": the server writes, reads and deletes a test object for real and checks the CORS rules.',
  },
} as const;
