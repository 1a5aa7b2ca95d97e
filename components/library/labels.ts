/** Message keys for enumerations the library shows (kinds, roles, actions, categories). */
import type { MessageKey } from '@/utils/i18n';
import type { ArtifactRole, ItemKind, ViolationCategory } from '@/utils/schemas';

export const KIND_LABEL: Record<ItemKind, MessageKey> = {
  article: 'libKindArticle',
  telegram_post: 'libKindTelegram',
  video: 'libKindVideo',
  image: 'libKindImage',
  page: 'libKindPage',
  selection: 'libKindSelection',
};

export const ROLE_LABEL: Record<ArtifactRole, MessageKey> = {
  html_snapshot: 'libRoleHtmlSnapshot',
  html_served: 'libRoleHtmlServed',
  mhtml: 'libRoleMhtml',
  screenshot: 'libRoleScreenshot',
  screenshot_full: 'libRoleScreenshotFull',
  article_text: 'libRoleArticleText',
  article_html: 'libRoleArticleHtml',
  media: 'libRoleMedia',
  thumbnail: 'libRoleThumbnail',
  capture_timestamp: 'libRoleTimestamp',
  metadata: 'libRoleMetadata',
};

export const CATEGORY_LABEL: Record<ViolationCategory, MessageKey> = {
  arbitrary_detention: 'libCatArbitraryDetention',
  forced_conscription: 'libCatForcedConscription',
  torture_ill_treatment: 'libCatTorture',
  enforced_disappearance: 'libCatDisappearance',
  conscientious_objection_denied: 'libCatObjection',
  persecution_of_defenders: 'libCatDefenders',
  political_prosecution: 'libCatPolitical',
  death_in_custody: 'libCatDeathInCustody',
  threats_intimidation: 'libCatThreats',
  other: 'libCatOther',
};

/** Custody actions we know by name; others are shown as recorded. */
const ACTION_LABEL: Record<string, MessageKey> = {
  captured: 'libActCaptured',
  tagged: 'libActTagged',
  noted: 'libActNoted',
  case_assigned: 'libActCaseAssigned',
  integrity_checked: 'libActIntegrityChecked',
  verified: 'libActIntegrityChecked',
  exported: 'libActExported',
  export_failed: 'libActExportFailed',
  artifact_added: 'libActArtifactAdded',
  timestamped: 'libActTimestamped',
  rechecked: 'tgActRechecked',
  unsealed: 'libActUnsealed',
};

export function actionLabel(action: string): MessageKey | undefined {
  return ACTION_LABEL[action];
}
