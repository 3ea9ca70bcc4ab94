import { ConfigReader } from '@backstage/config';
import { builtInWorkflowTypes } from '../temporal/builtInTypes';
import { ModelRegistry } from '../temporal/models/ModelRegistry';
import { WorkflowTypeRegistry } from './WorkflowTypeRegistry';

describe('WorkflowTypeRegistry', () => {
  const registry = new WorkflowTypeRegistry();
  for (const type of builtInWorkflowTypes(
    ModelRegistry.fromConfig(new ConfigReader({})),
  )) {
    registry.add(type);
  }

  it('lists the built-in types with their schemas, signals and queries', () => {
    const names = registry.list().map(t => t.name);
    expect(names).toEqual([
      'modelEvaluation',
      'batchInference',
      'modelPromotion',
    ]);
    const promotion = registry.list().find(t => t.name === 'modelPromotion')!;
    expect(promotion.signals.map(s => s.name)).toEqual(['approve', 'reject']);
  });

  it('fills defaults into a valid input', () => {
    expect(
      registry.validateInput('modelEvaluation', { model: 'local-sentiment' }),
    ).toEqual({
      model: 'local-sentiment',
      dataset: 'sentiment-small',
      version: 'default',
      batchSize: 20,
    });
  });

  it('names every problem of a bad input', () => {
    expect(() =>
      registry.validateInput('modelEvaluation', {
        model: 'gpt-nowhere',
        batchSize: 0,
        extra: true,
      }),
    ).toThrow(
      /invalid input for modelEvaluation: .*must be equal to one of the allowed values.*must be >= 1|must NOT have additional properties/,
    );
    expect(() =>
      registry.validateInput('batchInference', { model: 'local-sentiment' }),
    ).toThrow(/must match exactly one schema in oneOf/);
    expect(() => registry.validateInput('nope', {})).toThrow(
      /unknown workflow type "nope"/,
    );
  });

  it('refuses a type registered twice', () => {
    const [first] = registry.registrations();
    expect(() => registry.add(first)).toThrow(/registered twice/);
  });
});
