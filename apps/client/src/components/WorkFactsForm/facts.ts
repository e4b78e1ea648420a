/**
 * What the author types about a work (publish and edit): the form's state, the tag chips' rules, what
 * goes to the server and the EXIF line shown. Bounds are the shared schema's (zPublishWorkInput): the
 * inputs stop at them, so a mistake is said before a round trip.
 */
import {
  normalizeTag,
  PLACE_MAX,
  TAG_MAX,
  WORK_DESCRIPTION_MAX,
  WORK_TAGS_MAX,
  WORK_TITLE_MAX,
  type WorkExif,
} from '@xiaojia/shared';

export interface WorkFacts {
  title: string;
  description: string;
  tags: string[];
  place: string;
  showExif: boolean;
}

export const EMPTY_FACTS: WorkFacts = { title: '', description: '', tags: [], place: '', showExif: false };

export { PLACE_MAX, TAG_MAX, WORK_DESCRIPTION_MAX, WORK_TAGS_MAX, WORK_TITLE_MAX };

/** Why a typed tag cannot be added, or null: it becomes a chip. */
export type TagProblem = 'empty' | 'tooLong' | 'tooMany' | null;

/**
 * The chips after typing `typed`: each word (split at spaces, commas and #) normalized as the server
 * stores it, duplicates dropped, at most WORK_TAGS_MAX.
 */
export function addTags(tags: readonly string[], typed: string): { tags: string[]; problem: TagProblem } {
  const words = typed
    .split(/[\s,，#、]+/)
    .map(normalizeTag)
    .filter(Boolean);
  if (words.length === 0) return { tags: [...tags], problem: 'empty' };
  const next = [...tags];
  for (const word of words) {
    if ([...word].length > TAG_MAX) return { tags: next, problem: 'tooLong' };
    if (next.includes(word)) continue;
    if (next.length >= WORK_TAGS_MAX) return { tags: next, problem: 'tooMany' };
    next.push(word);
  }
  return { tags: next, problem: null };
}

/** The facts as publish/update take them: the EXIF only when shown, the place only when given. */
export function factsInput(facts: WorkFacts, exif: WorkExif | null) {
  const place = facts.place.trim();
  return {
    title: facts.title.trim(),
    description: facts.description.trim(),
    tags: facts.tags,
    showExif: facts.showExif && exif !== null,
    ...(facts.showExif && exif ? { exif } : {}),
    place: place === '' ? null : place,
  };
}

/** The EXIF line under a work: camera · lens · focal length, aperture, shutter, ISO (what is known). */
export function exifLine(exif: WorkExif | null): string {
  if (!exif) return '';
  const exposure = [
    exif.focalLength,
    exif.aperture,
    exif.shutter,
    exif.iso === undefined ? undefined : `ISO ${exif.iso}`,
  ]
    .filter(Boolean)
    .join(' ');
  return [exif.camera, exif.lens, exposure].filter(Boolean).join(' · ');
}
