import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  WorkflowFilter,
  workflowsApiSpec,
  WorkflowsApiSpec,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import {
  ApiClient,
  ApiRequest,
  createApiClient,
} from '@ai-ops-console/console-common';
import { WorkflowsApi } from './WorkflowsApi';

type Operations = WorkflowsApiSpec['operations'];

type FilterQuery = NonNullable<
  ApiRequest<Operations['countExecutions']>['query']
>;

/**
 * The filter as the list and counts queries take it. The derived client
 * sends lists comma-separated, the form these parameters are declared in;
 * their declared input type is that text, hence the cast.
 */
const filterQuery = (filter: WorkflowFilter = {}) =>
  filter as unknown as FilterQuery;

/**
 * Talks to the workflows backend through the client derived from its
 * contract, with the app's fetch (the user's token) and discovery APIs.
 */
export class WorkflowsClient implements WorkflowsApi {
  private readonly client: ApiClient<Operations>;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = createApiClient(workflowsApiSpec, options);
  }

  getHealth: WorkflowsApi['getHealth'] = () => this.client.getHealth();

  listTypes: WorkflowsApi['listTypes'] = async () =>
    (await this.client.listWorkflowTypes()).items;

  listExecutions: WorkflowsApi['listExecutions'] = ({ filter, ...paging }) =>
    this.client.listExecutions({
      query: { ...filterQuery(filter), ...paging },
    });

  countExecutions: WorkflowsApi['countExecutions'] = ({ filter }) =>
    this.client.countExecutions({ query: filterQuery(filter) });

  startExecution: WorkflowsApi['startExecution'] = body =>
    this.client.startExecution({ body });

  getExecution: WorkflowsApi['getExecution'] = ({ workflowId, ...query }) =>
    this.client.describeExecution({ params: { workflowId }, query });

  getHistory: WorkflowsApi['getHistory'] = ({ workflowId, ...query }) =>
    this.client.getHistory({ params: { workflowId }, query });

  queryExecution: WorkflowsApi['queryExecution'] = ({ workflowId, ...body }) =>
    this.client.queryExecution({ params: { workflowId }, body });

  signalExecution: WorkflowsApi['signalExecution'] = ({
    workflowId,
    ...body
  }) => this.client.signalExecution({ params: { workflowId }, body });

  cancelExecution: WorkflowsApi['cancelExecution'] = ({
    workflowId,
    ...body
  }) => this.client.cancelExecution({ params: { workflowId }, body });

  terminateExecution: WorkflowsApi['terminateExecution'] = ({
    workflowId,
    ...body
  }) => this.client.terminateExecution({ params: { workflowId }, body });

  startBatch: WorkflowsApi['startBatch'] = ({ filter = {}, ...rest }) =>
    this.client.batchExecutions({
      // the filter travels as JSON, where a blank field is refused rather
      // than left out (as in a query): only the fields that narrow are sent
      body: {
        ...rest,
        filter: Object.fromEntries(
          Object.entries(filter).filter(
            ([, v]) => v !== '' && !(Array.isArray(v) && !v.length),
          ),
        ),
      },
    });

  getBatch: WorkflowsApi['getBatch'] = params =>
    this.client.getBatch({ params });
}
