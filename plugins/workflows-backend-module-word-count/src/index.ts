/**
 * The worked example of the console's plugin-author guide: a backend module
 * that adds the `wordCount` workflow type to the workflows plugin.
 *
 * @packageDocumentation
 */
export { workflowsModuleWordCount as default } from './module';
export { wordCountStartPermission } from './module';
export {
  createWordCountActivities,
  type WordCountActivities,
} from './activities';
