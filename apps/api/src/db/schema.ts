/**
 * Table types for Kysely. Times are ISO-8601 UTC text; ids are app-generated UUIDv7 text (sortable).
 * Keep in step with the frozen migrations in ./migrations.
 */
import type { CommunityTarget, ContentStatus, MilestoneKind, WorkStatus } from '@xiaojia/shared';
import type { Insertable, Selectable, Updateable } from 'kysely';

export interface UsersTable {
  id: string;
  /** Lower-cased login name for password accounts; null for WeChat-only accounts. */
  username: string | null;
  display_name: string;
  /** scrypt$N$r$p$salt$hash, null for WeChat-only accounts. */
  password_hash: string | null;
  wechat_openid: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** SHA-256 of the bearer token; the token itself is never stored. */
  token_hash: string;
  device: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface LoginAttemptsTable {
  id: string;
  /** The lower-cased username tried (or "wechat:<openid>"). */
  account: string;
  succeeded: number;
  attempted_at: string;
}

export interface HomesTable {
  id: string;
  name: string;
  /** 1: members (not only the owner) may invite. */
  members_can_invite: number;
  created_at: string;
  updated_at: string;
  /** Set when the owner deletes the home: it is gone for everyone at once; rows go once objects are purged. */
  deleting_at: string | null;
}

export interface HomeMembersTable {
  home_id: string;
  user_id: string;
  role: 'owner' | 'member' | 'viewer';
  joined_at: string;
  /** When the member last opened the activity feed; null: never (their joining counts instead). */
  feed_seen_at: string | null;
}

export interface HomeInvitesTable {
  id: string;
  home_id: string;
  /** SHA-256 of the code (base64url); the code itself is never stored. */
  code_hash: string;
  role: 'member' | 'viewer';
  created_by: string;
  created_at: string;
  expires_at: string;
  max_uses: number;
  uses: number;
  revoked_at: string | null;
}

export interface StorageBindingsTable {
  id: string;
  /** The home whose photos it holds; only the home's owner binds, rotates and unbinds it. */
  home_id: string;
  created_by: string;
  provider: 'qiniu' | 's3';
  bucket: string;
  /** With scheme, no trailing slash: https://img.example.com ('' for an S3 bucket without a domain). */
  domain: string;
  /** Qiniu's region id, or the S3 signing region. */
  region: string;
  /** S3 only (null on Qiniu rows): the preset, the API endpoint, and 1 for path-style addressing. */
  preset: string | null;
  endpoint: string | null;
  path_style: number | null;
  access_key: string;
  /** AES-256-GCM sealed secret key (see integrations/crypto). */
  secret_key_sealed: string;
  /** active: the home's current binding; unbound: kept so photos come back when rebound. */
  status: 'active' | 'unbound';
  verified_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface PhotosTable {
  id: string;
  home_id: string;
  /** Who uploaded it; the photo stays in the home when they leave. */
  uploader_id: string;
  /** The binding that holds the object; null means the embedded store. */
  binding_id: string | null;
  object_key: string;
  filename: string;
  etag: string;
  size: number;
  mime: string;
  width: number | null;
  height: number | null;
  taken_at: string | null;
  created_at: string;
  /** taken_at ?? created_at: the timeline's order, indexed for keyset pagination. */
  sort_at: string;
  deleted_at: string | null;
  /** Set when purge was asked for but the storage delete has not succeeded yet. */
  purge_requested_at: string | null;
  purge_attempts: number;
  purge_error: string | null;
  /** ThumbHash (base64) the uploading device made: the grid's placeholder. Null for older uploads. */
  thumbhash: string | null;
  /** Videos: length in ms and codec (h264, hevc…) as probed; null for photos and unprobed videos. */
  duration_ms: number | null;
  video_codec: string | null;
  /** The content hash the device sent at uploads.create (S3 photos are found again by it, not by etag). */
  qetag: string | null;
  /** Variants the client stored beside the original ("thumb,preview"), for buckets without image processing. */
  derivatives: string | null;
}

export interface UploadsTable {
  object_key: string;
  home_id: string;
  uploader_id: string;
  binding_id: string | null;
  filename: string;
  declared_size: number;
  declared_mime: string;
  created_at: string;
  expires_at: string;
  photo_id: string | null;
  /** The S3 multipart upload the server created for this key (files of MULTIPART_THRESHOLD_BYTES or more). */
  upload_id: string | null;
  /** The content hash the device declared (recorded on the photo at confirm). */
  qetag: string | null;
}

export interface AlbumsTable {
  id: string;
  home_id: string;
  created_by: string;
  name: string;
  cover_photo_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface AlbumPhotosTable {
  album_id: string;
  photo_id: string;
  added_at: string;
}

export interface ChildrenTable {
  id: string;
  home_id: string;
  name: string;
  /** YYYY-MM-DD: the day of birth, or the due date while expecting. */
  birthday: string;
  sex: 'girl' | 'boy' | null;
  /** A photo of the home; nulled when it is purged, shown only while it is live. */
  avatar_photo_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface MilestonesTable {
  id: string;
  /** Always the child's home: the scope every query filters on. */
  home_id: string;
  child_id: string;
  /** A preset key (MILESTONE_PRESETS) or 'custom'. */
  kind: MilestoneKind;
  /** A custom milestone's title; null for presets. */
  title: string | null;
  /** YYYY-MM-DD */
  date: string;
  /** The photo it is tagged on; nulled when that photo is purged. */
  photo_id: string | null;
  created_by: string;
  created_at: string;
}

export interface GrowthRecordsTable {
  id: string;
  home_id: string;
  child_id: string;
  /** YYYY-MM-DD */
  date: string;
  height_cm: number | null;
  weight_kg: number | null;
  head_cm: number | null;
  created_by: string;
  created_at: string;
}

export interface PhotoLikesTable {
  home_id: string;
  photo_id: string;
  user_id: string;
  created_at: string;
}

export interface PhotoCommentsTable {
  id: string;
  home_id: string;
  photo_id: string;
  author_id: string;
  text: string;
  created_at: string;
}

export interface ActivitiesTable {
  id: string;
  home_id: string;
  actor_id: string;
  kind: 'upload' | 'like' | 'comment' | 'milestone' | 'join';
  /** How many things the entry groups. */
  count: number;
  /** JSON array of the newest photo ids the entry shows, newest first, at most ACTIVITY_PHOTOS_SHOWN. */
  photo_ids: string;
  /** A comment's opening words, or a milestone's preset key / custom title. */
  text: string | null;
  /** The child of a milestone (migration 0005's children; no foreign key). */
  child_id: string | null;
  /** The newest comment of a comment entry (deleting it takes its words out of the feed). */
  ref_id: string | null;
  started_at: string;
  last_at: string;
}

export interface NotifySubscriptionsTable {
  home_id: string;
  user_id: string;
  /** Subscribe messages the member's accepted one-time subscriptions still allow. */
  credits: number;
  last_sent_at: string | null;
}

export interface CommunityProfilesTable {
  user_id: string;
  bio: string;
  works_count: number;
  followers_count: number;
  following_count: number;
  likes_received: number;
  created_at: string;
}

export interface CommunityAdminsTable {
  user_id: string;
  granted_at: string;
}

export interface CommunitySuspensionsTable {
  user_id: string;
  reason: string;
  /** null: until lifted. */
  until: string | null;
  created_by: string;
  created_at: string;
}

export interface WorksTable {
  id: string;
  author_id: string;
  title: string;
  description: string;
  status: WorkStatus;
  /** Why an admin rejected or hid it (the author sees it). */
  review_reason: string | null;
  /** JSON of the camera, lens and exposure the author chose to show; null: not shown. */
  exif: string | null;
  /** A place name the author chose to publish; null unless chosen. */
  place: string | null;
  like_count: number;
  comment_count: number;
  /** Sum of the likes' weights (new accounts and mutual-like pairs weigh less). */
  vote_weight: number;
  /** The hot feed's order key, kept current on each vote. */
  hot_key: number;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface WorkPhotosTable {
  /** The image's own id: the only id the community ever sees for it. */
  id: string;
  work_id: string;
  photo_id: string;
  position: number;
  width: number | null;
  height: number | null;
  /** The community snapshot (w/<id>.jpg, its thumbnail beside it as .thumb.jpg); null until made (0015). */
  snapshot_key: string | null;
  /** The bucket the snapshot is in (null: the embedded store). */
  snapshot_binding_id: string | null;
}

/** A snapshot object still to delete (0015): tried at once, then by the sweep until it is gone. */
export interface SnapshotDeletionsTable {
  id: string;
  binding_id: string | null;
  object_key: string;
  due_at: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
}

export interface WorkTagsTable {
  work_id: string;
  tag: string;
  published_at: string;
}

export interface WorkLikesTable {
  work_id: string;
  user_id: string;
  weight: number;
  created_at: string;
}

export interface WorkCommentsTable {
  id: string;
  work_id: string;
  author_id: string;
  /** The top-level comment this one replies to (one level of replies). */
  parent_id: string | null;
  text: string;
  status: ContentStatus;
  created_at: string;
}

export interface FollowsTable {
  follower_id: string;
  followee_id: string;
  created_at: string;
}

export interface BlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: string;
}

export interface ReportsTable {
  id: string;
  reporter_id: string;
  target_kind: CommunityTarget;
  target_id: string;
  reason: string;
  status: 'open' | 'resolved' | 'dismissed';
  created_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution: string | null;
}

export interface ModerationItemsTable {
  id: string;
  target_kind: CommunityTarget;
  target_id: string;
  author_id: string;
  status: 'pending' | 'approved' | 'rejected';
  /** The automatic content check: not run, waiting for WeChat's callback, passed, risky, failed to run. */
  check_status: 'none' | 'pending' | 'pass' | 'review' | 'risky' | 'error';
  check_trace_id: string | null;
  reason: string | null;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface ModerationChecksTable {
  id: string;
  item_id: string;
  work_photo_id: string;
  /** queued: not yet sent to WeChat; pending: waiting for its verdict at the push URL. */
  status: 'queued' | 'pending' | 'pass' | 'review' | 'risky' | 'error';
  trace_id: string | null;
  created_at: string;
  answered_at: string | null;
}

export interface ConversationsTable {
  id: string;
  /** The pair's two user ids, the smaller first: one conversation per pair. */
  user_low: string;
  user_high: string;
  status: 'requested' | 'active' | 'declined';
  requested_by: string;
  created_at: string;
  last_message_at: string;
  /** The greatest shown_seq of its messages. */
  last_seq: number;
}

export interface ConversationReadsTable {
  conversation_id: string;
  user_id: string;
  last_read_at: string;
  /** The conversation's last_seq when read (migration 0016): unread are the other's messages shown past it. */
  last_read_seq: number;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  sender_id: string;
  text: string;
  status: ContentStatus;
  created_at: string;
  /** community_counters 'message_shown' at its latest change a poll reports (written, or reviewed). */
  shown_seq: number;
}

/** Named counters taken one at a time (community_counters). */
export interface CommunityCountersTable {
  name: string;
  value: number;
}

export interface ChallengesTable {
  id: string;
  title: string;
  rules: string;
  cover_work_id: string | null;
  submit_starts_at: string;
  submit_ends_at: string;
  vote_ends_at: string;
  entries_per_user: number;
  /** When the results (ranks) were published; null before. */
  results_at: string | null;
  created_by: string;
  created_at: string;
}

export interface ChallengeEntriesTable {
  challenge_id: string;
  work_id: string;
  user_id: string;
  votes: number;
  rank: number | null;
  created_at: string;
}

export interface ChallengeVotesTable {
  challenge_id: string;
  work_id: string;
  voter_id: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  homes: HomesTable;
  home_members: HomeMembersTable;
  home_invites: HomeInvitesTable;
  storage_bindings: StorageBindingsTable;
  photos: PhotosTable;
  uploads: UploadsTable;
  albums: AlbumsTable;
  album_photos: AlbumPhotosTable;
  children: ChildrenTable;
  milestones: MilestonesTable;
  growth_records: GrowthRecordsTable;
  photo_likes: PhotoLikesTable;
  photo_comments: PhotoCommentsTable;
  activities: ActivitiesTable;
  notify_subscriptions: NotifySubscriptionsTable;
  community_profiles: CommunityProfilesTable;
  community_counters: CommunityCountersTable;
  community_admins: CommunityAdminsTable;
  community_suspensions: CommunitySuspensionsTable;
  works: WorksTable;
  work_photos: WorkPhotosTable;
  snapshot_deletions: SnapshotDeletionsTable;
  work_tags: WorkTagsTable;
  work_likes: WorkLikesTable;
  work_comments: WorkCommentsTable;
  follows: FollowsTable;
  blocks: BlocksTable;
  reports: ReportsTable;
  moderation_items: ModerationItemsTable;
  moderation_checks: ModerationChecksTable;
  conversations: ConversationsTable;
  conversation_reads: ConversationReadsTable;
  messages: MessagesTable;
  challenges: ChallengesTable;
  challenge_entries: ChallengeEntriesTable;
  challenge_votes: ChallengeVotesTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type Home = Selectable<HomesTable>;
export type HomeMemberRow = Selectable<HomeMembersTable>;
export type HomeInvite = Selectable<HomeInvitesTable>;
export type StorageBinding = Selectable<StorageBindingsTable>;
export type Photo = Selectable<PhotosTable>;
export type PhotoUpdate = Updateable<PhotosTable>;
export type Upload = Selectable<UploadsTable>;
export type Album = Selectable<AlbumsTable>;
export type Child = Selectable<ChildrenTable>;
export type Milestone = Selectable<MilestonesTable>;
export type GrowthRecord = Selectable<GrowthRecordsTable>;
export type PhotoComment = Selectable<PhotoCommentsTable>;
export type ActivityRow = Selectable<ActivitiesTable>;
