export { PluginPage } from './PluginPage';
