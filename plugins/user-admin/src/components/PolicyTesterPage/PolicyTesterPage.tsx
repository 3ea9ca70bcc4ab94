import { ErrorNotice, WidgetBoundary } from '@ai-ops-console/console-react';
import { useApi } from '@backstage/core-plugin-api';
import { policyTestPermission } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  CircularProgress,
  FormControl,
  FormControlLabel,
  FormLabel,
  makeStyles,
  Paper,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import { FormEvent, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  PolicyTestAnswer,
  PolicyTestRequest,
  userAdminApiRef,
} from '../../api';
import {
  fromDrafts,
  GrantDraft,
  GrantProblems,
  GrantsEditor,
  toDrafts,
} from '../GrantsEditor';
import { MEMBER_REF } from '../RoleEditorPage/MembersEditor';
import { PolicyResults } from './PolicyResults';

const USER_REF = /^user:[a-z0-9._-]+\/[a-z0-9._-]+$/i;

const useStyles = makeStyles(theme => ({
  form: { padding: theme.spacing(2), display: 'grid', gap: theme.spacing(2) },
  row: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) },
  field: { minWidth: 320, flex: 1 },
}));

function problemOfUserRef(value: string) {
  if (!value.trim())
    return 'Give the user ref to test, like user:default/jane.';
  if (!USER_REF.test(value.trim()))
    return 'A user ref looks like user:default/jane.';
  return undefined;
}

/** Refs separated by spaces, commas or new lines. */
const splitRefs = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/**
 * Asks the policy what it decides for every permission: for a user with
 * their stored roles, or for a draft role as if the user held only it. Only
 * those with the policy test permission get the form; the server checks
 * again anyway.
 */
export function PolicyTesterPage() {
  const classes = useStyles();
  const api = useApi(userAdminApiRef);
  const permission = usePermission({ permission: policyTestPermission });
  const allowed = permission.allowed;
  // what the form offers, asked for only when there is a form
  const roles = useAsync(
    async () => (allowed ? api.listRoles() : undefined),
    [api, allowed],
  );
  const permissions = useAsync(
    async () => (allowed ? api.listPermissions() : undefined),
    [api, allowed],
  );
  const [mode, setMode] = useState<'user' | 'draft'>('user');
  const [userRef, setUserRef] = useState('');
  const [ownership, setOwnership] = useState('');
  const [draftTitle, setDraftTitle] = useState('Draft role');
  const [drafts, setDrafts] = useState<GrantDraft[]>([]);
  const [problems, setProblems] = useState<Record<string, GrantProblems>>();
  const [touched, setTouched] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Error>();
  const [answer, setAnswer] = useState<PolicyTestAnswer>();
  const userField = useRef<HTMLInputElement>(null);
  const ownershipField = useRef<HTMLInputElement>(null);

  const userProblem = problemOfUserRef(userRef);
  const userHelp =
    mode === 'draft'
      ? 'The draft role is tested as if this user held it alone.'
      : ' ';
  const badOwnership = splitRefs(ownership).filter(r => !MEMBER_REF.test(r));
  const ownershipProblem = badOwnership.length
    ? `Not user or group refs: ${badOwnership.join(', ')}`
    : undefined;

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (userProblem) {
      userField.current?.focus();
      return;
    }
    if (ownershipProblem) {
      ownershipField.current?.focus();
      return;
    }
    const request: PolicyTestRequest = { userRef: userRef.trim() };
    const refs = splitRefs(ownership);
    if (refs.length) request.ownershipRefs = refs;
    if (mode === 'draft') {
      const { grants, problems: found } = fromDrafts(drafts);
      if (!grants) {
        setProblems(found);
        return;
      }
      setProblems(undefined);
      request.draftRole = {
        name: 'draft',
        title: draftTitle.trim() || 'Draft role',
        description: '',
        grants,
      };
    }
    setRunning(true);
    setError(undefined);
    try {
      setAnswer(await api.testPolicy(request));
    } catch (e) {
      setError(e as Error);
    } finally {
      setRunning(false);
    }
  };

  const heading = (
    <Typography variant="h5" component="h2">
      Policy tester
    </Typography>
  );
  if (!allowed) {
    return (
      <Box display="grid" gridGap={16}>
        {heading}
        {permission.loading ? (
          <Typography color="textSecondary" aria-busy>
            Checking what you may do…
          </Typography>
        ) : (
          <Paper>
            <Box p={2}>
              <Typography>
                You may not test the policy: it needs the permission{' '}
                <code>{policyTestPermission.name}</code>.
              </Typography>
            </Box>
          </Paper>
        )}
      </Box>
    );
  }

  return (
    <Box display="grid" gridGap={16}>
      {heading}
      <Paper>
        <form
          className={classes.form}
          onSubmit={run}
          noValidate
          aria-label="Policy test"
        >
          <FormControl component="fieldset">
            <FormLabel component="legend">Test</FormLabel>
            <RadioGroup
              row
              name="user-admin-policy-mode"
              value={mode}
              onChange={e => setMode(e.target.value as 'user' | 'draft')}
            >
              <FormControlLabel
                value="user"
                control={<Radio />}
                label="A user with their roles"
              />
              <FormControlLabel
                value="draft"
                control={<Radio />}
                label="A draft role"
              />
            </RadioGroup>
          </FormControl>
          <div className={classes.row}>
            <TextField
              className={classes.field}
              id="user-admin-policy-user"
              inputRef={userField}
              label="User ref"
              placeholder="user:default/jane"
              required
              value={userRef}
              onChange={e => setUserRef(e.target.value)}
              error={touched && !!userProblem}
              helperText={(touched && userProblem) || userHelp}
              InputLabelProps={{ shrink: true }}
            />
            <TextField
              className={classes.field}
              id="user-admin-policy-ownership"
              inputRef={ownershipField}
              label="Ownership refs (optional)"
              placeholder="user:default/jane group:default/ml-team"
              value={ownership}
              onChange={e => setOwnership(e.target.value)}
              error={!!ownershipProblem}
              helperText={
                ownershipProblem ??
                'The refs the user owns through, separated by spaces or commas: their user ref and groups. Defaults to the user ref alone, so roles held through groups count only when their groups are listed.'
              }
              InputLabelProps={{ shrink: true }}
            />
          </div>
          {mode === 'draft' && (
            <Box display="grid" gridGap={16}>
              <div className={classes.row}>
                <TextField
                  className={classes.field}
                  id="user-admin-policy-draft-title"
                  label="Draft title"
                  value={draftTitle}
                  onChange={e => setDraftTitle(e.target.value)}
                  InputLabelProps={{ shrink: true }}
                />
                <TextField
                  select
                  className={classes.field}
                  id="user-admin-policy-start-from"
                  label="Start from role"
                  value=""
                  onChange={e => {
                    const role = roles.value?.find(
                      r => r.name === e.target.value,
                    );
                    if (role) {
                      setDrafts(toDrafts(role.grants));
                      setDraftTitle(`Draft of ${role.title}`);
                    }
                  }}
                  SelectProps={{ native: true }}
                  InputLabelProps={{ shrink: true }}
                  helperText={
                    roles.error
                      ? 'The roles could not be loaded.'
                      : "Copies that role's grants into the draft."
                  }
                >
                  <option value="">Choose a role…</option>
                  {(roles.value ?? []).map(r => (
                    <option key={r.name} value={r.name}>
                      {r.title}
                    </option>
                  ))}
                </TextField>
              </div>
              <GrantsEditor
                drafts={drafts}
                onChange={setDrafts}
                problems={problems}
                permissions={permissions.value?.items}
                disabled={running}
              />
            </Box>
          )}
          <Box display="flex" gridGap={8} alignItems="center">
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={running}
              startIcon={
                running ? (
                  <CircularProgress size={16} aria-hidden />
                ) : (
                  <PlayArrowIcon aria-hidden />
                )
              }
            >
              Run test
            </Button>
          </Box>
        </form>
      </Paper>
      {error && (
        <ErrorNotice
          what="run the policy test"
          action="test the policy"
          error={error}
        />
      )}
      {answer && (
        <WidgetBoundary what="the decisions">
          <PolicyResults
            results={answer.results}
            unreachable={answer.unreachable}
          />
        </WidgetBoundary>
      )}
    </Box>
  );
}
