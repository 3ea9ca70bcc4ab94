export { GrantList } from './GrantList';
export { GrantsEditor } from './GrantsEditor';
export {
  emptyDraft,
  fromDrafts,
  patternMatches,
  toDrafts,
} from './grantDrafts';
export type { GrantDraft, GrantProblems } from './grantDrafts';
