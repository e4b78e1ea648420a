/**
 * The children of a home (宝宝): their profiles, the milestones tagged on photos, and growth records.
 * Members and the owner edit; viewers see. Every procedure names its home (`homeId`, added by the API).
 */
import { z } from 'zod';
import { zId, zPage, zPageInput } from './common.js';
import { zLocalDate } from './dates.js';

export const CHILDREN_PER_HOME_MAX = 10;
export const zChildName = z.string().trim().min(1, 'The child needs a name').max(20);
/** Needed for the WHO growth curves, which differ by sex; may stay unknown (a due date). */
export const zChildSex = z.enum(['girl', 'boy']);
export type ChildSex = z.infer<typeof zChildSex>;

export const zChild = z.object({
  id: zId,
  name: z.string(),
  /** The day of birth, or the due date while expecting (may be in the future). */
  birthday: z.string(),
  sex: zChildSex.nullable(),
  /** A photo of the home chosen as the avatar, and its signed thumbnail (null while it has none). */
  avatarPhotoId: zId.nullable(),
  avatarUrl: z.string().nullable(),
  createdAt: z.string(),
});
export type Child = z.infer<typeof zChild>;
export const zChildList = z.object({
  /** Oldest child first (by birthday). */
  items: z.array(zChild).max(CHILDREN_PER_HOME_MAX),
  urlsExpireAt: z.string(),
});
export type ChildList = z.infer<typeof zChildList>;

/** A due date may lie at most this far ahead (a pregnancy); a birthday at most 25 years back is plenty. */
export const CHILD_BIRTHDAY_MAX_DAYS_AHEAD = 300;

export const zCreateChildInput = z.object({
  name: zChildName,
  birthday: zLocalDate,
  sex: zChildSex.nullable().default(null),
  avatarPhotoId: zId.nullable().default(null),
});
export type CreateChildInput = z.input<typeof zCreateChildInput>;
export const zUpdateChildInput = z.object({
  childId: zId,
  name: zChildName.optional(),
  birthday: zLocalDate.optional(),
  sex: zChildSex.nullable().optional(),
  avatarPhotoId: zId.nullable().optional(),
});
export type UpdateChildInput = z.input<typeof zUpdateChildInput>;
export const zChildRefInput = z.object({ childId: zId });

// ---- milestones ----------------------------------------------------------------------------------------

/** The preset milestones the picker offers (the client translates the keys); `custom` carries a title. */
export const MILESTONE_PRESETS = [
  'first_smile',
  'roll_over',
  'sit_up',
  'crawl',
  'stand',
  'first_steps',
  'say_mama',
  'say_papa',
  'first_tooth',
  'first_food',
  'first_haircut',
  'first_trip',
  'first_birthday',
  'kindergarten',
  'primary_school',
] as const;
export const zMilestoneKind = z.enum([...MILESTONE_PRESETS, 'custom']);
export type MilestoneKind = z.infer<typeof zMilestoneKind>;
export const zMilestoneTitle = z.string().trim().min(1, 'The milestone needs a title').max(30);
export const MILESTONES_PER_CHILD_MAX = 500;
export const MILESTONE_PAGE_MAX = 100;

export const zMilestone = z.object({
  id: zId,
  childId: zId,
  kind: zMilestoneKind,
  /** The title of a custom milestone; null for presets. */
  title: z.string().nullable(),
  /** The day it happened: the photo's local day when tagged on one, else the day chosen. */
  date: z.string(),
  photoId: zId.nullable(),
  /** Signed thumbnail of the photo (null without one, or when its bucket is not bound). */
  thumbUrl: z.string().nullable(),
  thumbhash: z.string().nullable(),
  createdAt: z.string(),
});
export type Milestone = z.infer<typeof zMilestone>;

const milestoneFields = {
  kind: zMilestoneKind,
  title: zMilestoneTitle.nullable().default(null),
  date: zLocalDate,
  photoId: zId.nullable().default(null),
};
/** A custom milestone needs a title; a preset takes none. */
function titleMatchesKind(v: { kind?: MilestoneKind; title?: string | null }): boolean {
  return v.kind === undefined || (v.kind === 'custom') === (v.title != null);
}
const titleRule = { message: 'A custom milestone needs a title, a preset none', path: ['title'] };

export const zCreateMilestoneInput = z.object({ childId: zId, ...milestoneFields }).refine(titleMatchesKind, titleRule);
export type CreateMilestoneInput = z.input<typeof zCreateMilestoneInput>;
export const zUpdateMilestoneInput = z
  .object({
    milestoneId: zId,
    kind: zMilestoneKind.optional(),
    title: zMilestoneTitle.nullable().optional(),
    date: zLocalDate.optional(),
    photoId: zId.nullable().optional(),
  })
  .refine((v) => v.kind === undefined || titleMatchesKind(v), titleRule);
export type UpdateMilestoneInput = z.input<typeof zUpdateMilestoneInput>;
export const zMilestoneRefInput = z.object({ milestoneId: zId });

/** A child's milestones in date order (oldest first, as a life reads), keyset paged. */
export const zListMilestonesInput = zPageInput(MILESTONE_PAGE_MAX, 50).unwrap().extend({ childId: zId });
export type ListMilestonesInput = z.input<typeof zListMilestonesInput>;
export const zMilestonePage = zPage(zMilestone, MILESTONE_PAGE_MAX).extend({ urlsExpireAt: z.string() });
export type MilestonePage = z.infer<typeof zMilestonePage>;

/** The milestones tagged on one photo (the viewer's info), for every child. */
export const zPhotoMilestonesInput = z.object({ photoId: zId });
export const zPhotoMilestones = z.object({
  items: z.array(zMilestone.omit({ thumbUrl: true, thumbhash: true })).max(CHILDREN_PER_HOME_MAX * 10),
});
export type PhotoMilestones = z.infer<typeof zPhotoMilestones>;

// ---- growth ---------------------------------------------------------------------------------------------

/** Bounds of a plausible measurement of a child up to adulthood: anything outside is a typo. */
export const GROWTH_LIMITS = {
  heightCm: { min: 30, max: 200 },
  weightKg: { min: 0.3, max: 150 },
  headCm: { min: 20, max: 65 },
} as const;
export type GrowthMeasure = keyof typeof GROWTH_LIMITS;
export const GROWTH_MEASURES = Object.keys(GROWTH_LIMITS) as GrowthMeasure[];
export const GROWTH_RECORDS_PER_CHILD_MAX = 1000;

function measure(key: GrowthMeasure) {
  const { min, max } = GROWTH_LIMITS[key];
  return z
    .number()
    .min(min)
    .max(max)
    .transform((v) => Math.round(v * 100) / 100);
}

export const zGrowthRecord = z.object({
  id: zId,
  childId: zId,
  date: z.string(),
  heightCm: z.number().nullable(),
  weightKg: z.number().nullable(),
  headCm: z.number().nullable(),
  createdAt: z.string(),
});
export type GrowthRecord = z.infer<typeof zGrowthRecord>;

const hasAMeasure = {
  message: 'A record needs a height, a weight or a head circumference',
  path: ['heightCm'],
};
export const zAddGrowthInput = z
  .object({
    childId: zId,
    date: zLocalDate,
    heightCm: measure('heightCm').nullable().default(null),
    weightKg: measure('weightKg').nullable().default(null),
    headCm: measure('headCm').nullable().default(null),
  })
  .refine((v) => v.heightCm !== null || v.weightKg !== null || v.headCm !== null, hasAMeasure);
export type AddGrowthInput = z.input<typeof zAddGrowthInput>;
export const zUpdateGrowthInput = z.object({
  recordId: zId,
  date: zLocalDate.optional(),
  heightCm: measure('heightCm').nullable().optional(),
  weightKg: measure('weightKg').nullable().optional(),
  headCm: measure('headCm').nullable().optional(),
});
export type UpdateGrowthInput = z.input<typeof zUpdateGrowthInput>;
export const zGrowthRefInput = z.object({ recordId: zId });
/** All of a child's records, oldest first: few enough (≤ 1000) to chart in one answer. */
export const zGrowthList = z.object({ items: z.array(zGrowthRecord).max(GROWTH_RECORDS_PER_CHILD_MAX) });
export type GrowthList = z.infer<typeof zGrowthList>;
