export interface Config {
  /** Settings of the ai-metrics plugin; see docs/ for each key as it is added. */
  'ai-metrics'?: {};
}
