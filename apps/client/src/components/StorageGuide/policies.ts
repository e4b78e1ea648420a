/**
 * What the binding guide asks the owner to paste: the least policy for each provider's keys (only the
 * calls Xiaojia makes on that one bucket: objects written, read, inspected and deleted, multipart parts for
 * large files, the bucket looked up and its CORS rules read by the verification) and the CORS rule for the
 * web app. Code, not prose: never translated.
 */
import type { S3Preset } from '@xiaojia/shared';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The S3 actions on objects and on the bucket (AWS IAM, MinIO, and the S3 syntax other providers adapt). */
const S3_OBJECT_ACTIONS = [
  's3:PutObject',
  's3:GetObject',
  's3:DeleteObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];
const S3_BUCKET_ACTIONS = ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetBucketCORS'];

function s3Policy(bucket: string) {
  return json({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: S3_OBJECT_ACTIONS, Resource: [`arn:aws:s3:::${bucket}/*`] },
      { Effect: 'Allow', Action: S3_BUCKET_ACTIONS, Resource: [`arn:aws:s3:::${bucket}`] },
    ],
  });
}

/** The policy text for a provider's keys on `bucket`; null where the console has no policy to paste (R2). */
export function leastPolicy(preset: S3Preset, bucket: string): string | null {
  switch (preset) {
    case 'cos': {
      // CAM resource: qcs::cos:<region>:uid/<APPID>:<bucket>/* ; the APPID is the bucket name's suffix.
      const appId = /-(\d+)$/.exec(bucket)?.[1] ?? '<APPID>';
      return json({
        version: '2.0',
        statement: [
          {
            effect: 'allow',
            action: [
              'name/cos:PutObject',
              'name/cos:PostObject',
              'name/cos:GetObject',
              'name/cos:HeadObject',
              'name/cos:DeleteObject',
              'name/cos:InitiateMultipartUpload',
              'name/cos:UploadPart',
              'name/cos:CompleteMultipartUpload',
              'name/cos:AbortMultipartUpload',
              'name/cos:ListParts',
              'name/cos:HeadBucket',
              'name/cos:GetBucket',
              'name/cos:GetBucketCORS',
            ],
            resource: [`qcs::cos:*:uid/${appId}:${bucket}`, `qcs::cos:*:uid/${appId}:${bucket}/*`],
          },
        ],
      });
    }
    case 'oss':
      return json({
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: [
              'oss:PutObject',
              'oss:GetObject',
              'oss:DeleteObject',
              'oss:AbortMultipartUpload',
              'oss:ListParts',
              'oss:ListObjects',
              'oss:GetBucketInfo',
              'oss:GetBucketCors',
            ],
            Resource: [`acs:oss:*:*:${bucket}`, `acs:oss:*:*:${bucket}/*`],
          },
        ],
      });
    case 'r2':
      // R2 tokens take no policy: "Object Read & Write" on this bucket only (the guide says where).
      return null;
    case 'minio':
    case 'aws':
    case 'custom':
      return s3Policy(bucket);
  }
}

export interface CorsRule {
  AllowedOrigins: string[];
  AllowedMethods: string[];
  AllowedHeaders: string[];
  ExposeHeaders: string[];
  MaxAgeSeconds: number;
}

/** The one rule the web app at `origin` needs: upload by PUT or form POST, read back, the ETag exposed (parts). */
export function corsRule(origin: string): CorsRule {
  return {
    AllowedOrigins: [origin],
    AllowedMethods: ['PUT', 'POST', 'GET', 'HEAD'],
    AllowedHeaders: ['*'],
    ExposeHeaders: ['ETag'],
    MaxAgeSeconds: 600,
  };
}

/** The rule as the JSON R2, AWS and `mc cors` take (a list of rules). */
export function corsJson(origin: string): string {
  return json([corsRule(origin)]);
}
