export {
  consoleClientApiExtension,
  consoleCompatPageExtension,
  createConsoleClientApiFactory,
} from './pluginWiring';
export type { ConsoleClientConstructor } from './pluginWiring';
