/**
 * The form for a work's facts (publish and edit): title, description, tag chips, place typed by the author
 * (never taken from the photo's GPS, as the form says), and whether the camera, lens and exposure show,
 * with a preview of the line that will.
 */
import { Input, Switch, Text, Textarea, View } from '@tarojs/components';
import type { WorkExif } from '@xiaojia/shared';
import { useState } from 'react';
import { type MessageKey, useT } from '../../i18n';
import { loadWorksPagesMessages } from '../../i18n/works-pages';
import {
  addTags,
  exifLine,
  PLACE_MAX,
  TAG_MAX,
  type TagProblem,
  WORK_DESCRIPTION_MAX,
  WORK_TAGS_MAX,
  WORK_TITLE_MAX,
  type WorkFacts,
} from './facts';
import './index.css';

loadWorksPagesMessages();

const TAG_PROBLEMS: Record<NonNullable<TagProblem>, MessageKey | null> = {
  empty: null,
  tooLong: 'publish.tagTooLong',
  tooMany: 'publish.tagTooMany',
};

export interface WorkFactsFormProps {
  facts: WorkFacts;
  onChange(facts: WorkFacts): void;
  /** What the photo's EXIF says (null: nothing readable, the toggle says so). */
  exif: WorkExif | null;
}

export function WorkFactsForm({ facts, onChange, exif }: WorkFactsFormProps) {
  const t = useT();
  const [typedTag, setTypedTag] = useState('');
  const [tagProblem, setTagProblem] = useState<MessageKey | null>(null);
  const set = (patch: Partial<WorkFacts>) => onChange({ ...facts, ...patch });
  const commitTag = () => {
    const { tags, problem } = addTags(facts.tags, typedTag);
    const key = problem ? TAG_PROBLEMS[problem] : null;
    setTagProblem(key);
    if (!key) setTypedTag('');
    if (tags.length !== facts.tags.length) set({ tags });
  };
  const line = exifLine(exif);
  return (
    <View className="work-facts" id="work-facts">
      <Text className="work-facts__label">{t('publish.titleLabel')}</Text>
      <Input
        id="work-facts-title"
        className="work-facts__input"
        value={facts.title}
        maxlength={WORK_TITLE_MAX}
        placeholder={t('publish.titlePlaceholder')}
        onInput={(event) => set({ title: event.detail.value })}
      />
      <Text className="work-facts__label">{t('publish.descriptionLabel')}</Text>
      <Textarea
        id="work-facts-description"
        className="work-facts__textarea"
        value={facts.description}
        maxlength={WORK_DESCRIPTION_MAX}
        placeholder={t('publish.descriptionPlaceholder')}
        onInput={(event) => set({ description: event.detail.value })}
      />
      <Text className="work-facts__label">
        {t('publish.tagsLabel', { count: facts.tags.length, max: WORK_TAGS_MAX })}
      </Text>
      <View className="work-facts__chips" id="work-facts-tags">
        {facts.tags.map((tag) => (
          <Text
            key={tag}
            className="work-facts__chip"
            onClick={() => set({ tags: facts.tags.filter((other) => other !== tag) })}
          >{`#${tag} ×`}</Text>
        ))}
      </View>
      <View className="work-facts__row">
        <Input
          id="work-facts-tag"
          className="work-facts__input work-facts__input--grow"
          value={typedTag}
          maxlength={TAG_MAX * 3}
          placeholder={t('publish.tagPlaceholder')}
          confirmType="done"
          onInput={(event) => setTypedTag(event.detail.value)}
          onConfirm={commitTag}
        />
        <Text id="work-facts-tag-add" className="work-facts__add" onClick={commitTag}>
          {t('publish.tagAdd')}
        </Text>
      </View>
      {tagProblem && (
        <Text className="work-facts__problem" id="work-facts-tag-problem">
          {t(tagProblem, { max: tagProblem === 'publish.tagTooLong' ? TAG_MAX : WORK_TAGS_MAX })}
        </Text>
      )}
      <Text className="work-facts__label">{t('publish.placeLabel')}</Text>
      <Input
        id="work-facts-place"
        className="work-facts__input"
        value={facts.place}
        maxlength={PLACE_MAX}
        placeholder={t('publish.placePlaceholder')}
        onInput={(event) => set({ place: event.detail.value })}
      />
      <Text className="work-facts__hint">{t('publish.placeHint')}</Text>
      <View className="work-facts__row work-facts__row--between">
        <Text className="work-facts__label">{t('publish.showExif')}</Text>
        <Switch
          id="work-facts-exif"
          checked={facts.showExif}
          disabled={!exif}
          onChange={(event) => set({ showExif: event.detail.value })}
        />
      </View>
      <Text className="work-facts__hint" id="work-facts-exif-preview">
        {!exif
          ? t('publish.noExif')
          : facts.showExif
            ? t('publish.exifShown', { line })
            : t('publish.exifHidden', { line })}
      </Text>
    </View>
  );
}
