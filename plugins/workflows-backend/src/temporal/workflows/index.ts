// The console's built-in workflow types. This module is the worker bundle's
// entry for them; it may import only workflow-safe code.
export { modelEvaluation } from './modelEvaluation';
export { batchInference } from './batchInference';
export { modelPromotion } from './modelPromotion';
