import { useRouteRef } from '@backstage/core-plugin-api';
import {
  RouterLink,
  useApi,
  useAppNavigate,
  useAppSearchParams,
} from '@backstage/frontend-plugin-api';
import { workflowStartPermission } from '@ai-ops-console/backstage-plugin-workflows-common';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Link,
  TextField,
  Typography,
} from '@material-ui/core';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { Form } from '@rjsf/material-ui';
import { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { workflowsApiRef } from '../../api';
import { executionRouteRef, rootRouteRef } from '../../routes';
import { describeError, LoadError } from '../LoadError';

/** What the server accepts as a workflow id. */
const WORKFLOW_ID = /^[A-Za-z0-9._:@/-]+$/;

/**
 * Starts an execution: choose a type, fill in the form rendered from its
 * input schema (validated in the browser, and again by the server), and land
 * on the new execution's page.
 */
export function StartWorkflowPage() {
  const api = useApi(workflowsApiRef);
  const navigate = useAppNavigate();
  const rootLink = useRouteRef(rootRouteRef);
  const executionLink = useRouteRef(executionRouteRef);
  const [params, setParams] = useAppSearchParams();
  const permission = usePermission({ permission: workflowStartPermission });
  const types = useAsyncRetry(() => api.listTypes(), [api]);
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [workflowId, setWorkflowId] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const errorRef = useRef<HTMLDivElement>(null);

  const typeName = params.get('type') ?? '';
  const type = types.value?.find(t => t.name === typeName);
  const idInvalid = workflowId !== '' && !WORKFLOW_ID.test(workflowId);

  const back = rootLink && (
    <Link component={RouterLink} href={rootLink()}>
      <Box
        component="span"
        display="inline-flex"
        alignItems="center"
        gridGap={4}
      >
        <ArrowBackIcon fontSize="small" aria-hidden />
        All executions
      </Box>
    </Link>
  );

  const start = async (input: Record<string, unknown>) => {
    if (!type || idInvalid) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const started = await api.startExecution({
        type: type.name,
        input,
        workflowId: workflowId.trim() || undefined,
      });
      if (executionLink) {
        navigate(executionLink({ workflowId: started.workflowId }));
      }
    } catch (e) {
      setError(e as Error);
      setSubmitting(false);
    }
  };

  // move the reader to the server's answer when it refuses
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  let body;
  if (permission.loading || (types.loading && !types.value)) {
    body = <LinearProgress aria-label="Loading workflow types" />;
  } else if (!permission.allowed) {
    body = (
      <Typography>
        You do not have permission to start workflows. Ask an administrator for
        a role that allows it.
      </Typography>
    );
  } else if (types.error) {
    body = (
      <LoadError
        what="the workflow types"
        error={types.error}
        onRetry={types.retry}
      />
    );
  } else if (!types.value?.length) {
    body = <Typography>No workflow types are registered.</Typography>;
  } else {
    body = (
      <Card>
        <CardContent>
          <Box display="flex" flexDirection="column" gridGap={16}>
            <TextField
              select
              id="workflows-start-type"
              label="Workflow type"
              value={typeName}
              onChange={e => {
                setFormData({});
                setError(undefined);
                setParams({ type: e.target.value }, { replace: true });
              }}
              SelectProps={{ native: true }}
              // a native select always shows an option ("Choose a type"), so
              // the label must sit above it, never over it
              InputLabelProps={{ shrink: true }}
              variant="outlined"
              required
            >
              <option value="" disabled>
                Choose a type
              </option>
              {types.value.map(t => (
                <option key={t.name} value={t.name}>
                  {t.title}
                </option>
              ))}
            </TextField>
            {type && (
              <>
                <Typography color="textSecondary">
                  {type.description}
                </Typography>
                <TextField
                  id="workflows-start-id"
                  label="Workflow ID (optional)"
                  value={workflowId}
                  onChange={e => setWorkflowId(e.target.value)}
                  error={idInvalid}
                  helperText={
                    idInvalid
                      ? 'Use letters, digits and . _ : @ / - only.'
                      : 'Leave empty for a generated ID.'
                  }
                  variant="outlined"
                  inputProps={{ maxLength: 300 }}
                />
                <Form
                  key={type.name}
                  schema={type.inputSchema as RJSFSchema}
                  validator={validator}
                  formData={formData}
                  onChange={e => setFormData(e.formData ?? {})}
                  onSubmit={e => start(e.formData ?? {})}
                  showErrorList="top"
                  noHtml5Validate
                  focusOnFirstError
                  disabled={submitting}
                >
                  <div ref={errorRef} tabIndex={-1} role="alert">
                    {error && (
                      <Typography color="error">
                        The workflow was not started. {describeError(error)}
                      </Typography>
                    )}
                  </div>
                  <Box display="flex" gridGap={8} mt={2}>
                    <Button
                      type="submit"
                      variant="contained"
                      color="primary"
                      disabled={submitting || idInvalid}
                    >
                      {submitting ? 'Starting…' : 'Start'}
                    </Button>
                  </Box>
                </Form>
              </>
            )}
          </Box>
        </CardContent>
      </Card>
    );
  }

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <div>{back}</div>
      <Typography variant="h5" component="h2">
        Start a workflow
      </Typography>
      {body}
    </Box>
  );
}
