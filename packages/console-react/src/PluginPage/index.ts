export { PluginPage } from './PluginPage';
export type { PluginPageProps } from './PluginPage';
export { PageRouting } from './PageRouting';
export { MIN_TEXT_CONTRAST, withReadableSecondaryText } from './readableText';
