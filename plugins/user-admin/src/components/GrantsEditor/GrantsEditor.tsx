import {
  Box,
  Button,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { useEffect, useId, useRef, useState } from 'react';
import { PermissionInfo } from '../../api';
import {
  ACTIONS,
  emptyDraft,
  GrantDraft,
  GrantProblems,
  patternMatches,
  permissionSuggestions,
} from './grantDrafts';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: theme.spacing(2),
  },
  fieldset: {
    margin: 0,
    padding: theme.spacing(1, 2, 2),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  legend: { padding: theme.spacing(0, 0.5), ...theme.typography.subtitle2 },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
  },
  permission: { minWidth: 280, flex: 1 },
  select: { minWidth: 150 },
  condition: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
    gap: theme.spacing(2),
    marginTop: theme.spacing(2),
  },
  params: { gridColumn: '1 / -1' },
  mono: { fontFamily: 'monospace' },
}));

/** What a permission pattern covers, in words, for the helper text. */
function describePattern(pattern: string, permissions?: PermissionInfo[]) {
  const name = pattern.trim();
  if (!name || !permissions) return ' ';
  if (name === '*' || name.endsWith('.*')) {
    const n = permissions.filter(p => patternMatches(name, p.name)).length;
    return `Covers ${n} registered ${n === 1 ? 'permission' : 'permissions'}.`;
  }
  const known = permissions.find(p => p.name === name);
  if (!known) {
    return 'Not a registered permission (its plugin may not be listed).';
  }
  const parts = [
    known.attributes.action ? `action ${known.attributes.action}` : undefined,
    known.resourceType
      ? `resource type ${known.resourceType}`
      : 'no resource type',
  ].filter(Boolean);
  return `Registered: ${parts.join(', ')}.`;
}

function GrantRow(props: {
  index: number;
  draft: GrantDraft;
  problems?: GrantProblems;
  permissions?: PermissionInfo[];
  listId: string;
  /** Takes the focus when it appears (a grant just added). */
  focusOnMount: boolean;
  disabled?: boolean;
  onChange(draft: GrantDraft): void;
  onRemove(): void;
}) {
  const { index, draft, problems = {}, permissions, disabled } = props;
  const classes = useStyles();
  const id = useId();
  const n = index + 1;
  const permissionField = useRef<HTMLInputElement>(null);
  const { focusOnMount } = props;
  useEffect(() => {
    if (focusOnMount) permissionField.current?.focus();
  }, [focusOnMount]);
  const set = (patch: Partial<GrantDraft>) =>
    props.onChange({ ...draft, ...patch });

  const setEffect = (effect: GrantDraft['effect']) => {
    const patch: Partial<GrantDraft> = { effect };
    if (effect === 'conditional') {
      // start from what the permission tells about itself
      const known = permissions?.find(p => p.name === draft.permission.trim());
      if (!draft.resourceType && known?.resourceType) {
        patch.resourceType = known.resourceType;
      }
      if (!draft.pluginId && known) {
        patch.pluginId = known.name.split('.')[0];
      }
    }
    set(patch);
  };

  return (
    <li>
      <fieldset className={classes.fieldset} disabled={disabled}>
        <legend className={classes.legend}>Grant {n}</legend>
        <div className={classes.row}>
          <TextField
            className={classes.permission}
            id={`${id}-permission`}
            label="Permission"
            value={draft.permission}
            inputRef={permissionField}
            onChange={e => set({ permission: e.target.value })}
            error={!!problems.permission}
            helperText={
              problems.permission ??
              describePattern(draft.permission, permissions)
            }
            inputProps={{
              list: props.listId,
              maxLength: 200,
              className: classes.mono,
            }}
            InputLabelProps={{ shrink: true }}
            placeholder="workflows.execution.read, workflows.* or *"
          />
          <TextField
            select
            className={classes.select}
            id={`${id}-action`}
            label="Action"
            value={draft.action}
            onChange={e =>
              set({ action: e.target.value as GrantDraft['action'] })
            }
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            helperText=" "
          >
            <option value="">Any action</option>
            {ACTIONS.map(a => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </TextField>
          <TextField
            select
            className={classes.select}
            id={`${id}-effect`}
            label="Effect"
            value={draft.effect}
            onChange={e => setEffect(e.target.value as GrantDraft['effect'])}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            helperText=" "
          >
            <option value="allow">Allow</option>
            <option value="conditional">Conditional</option>
          </TextField>
          <Box pt={1}>
            <Button
              size="small"
              color="secondary"
              aria-label={`Remove grant ${n}`}
              onClick={props.onRemove}
            >
              Remove
            </Button>
          </Box>
        </div>
        {draft.effect === 'conditional' && (
          <div className={classes.condition}>
            <TextField
              id={`${id}-rule`}
              label="Rule"
              placeholder="IS_STARTED_BY"
              value={draft.rule}
              onChange={e => set({ rule: e.target.value })}
              error={!!problems.rule}
              helperText={problems.rule ?? 'The permission rule to apply.'}
              InputLabelProps={{ shrink: true }}
            />
            <TextField
              id={`${id}-plugin`}
              label="Plugin ID"
              placeholder="workflows"
              value={draft.pluginId}
              onChange={e => set({ pluginId: e.target.value })}
              error={!!problems.pluginId}
              helperText={
                problems.pluginId ?? 'The plugin that applies the rule.'
              }
              InputLabelProps={{ shrink: true }}
            />
            <TextField
              id={`${id}-resource-type`}
              label="Resource type"
              placeholder="workflow-execution"
              value={draft.resourceType}
              onChange={e => set({ resourceType: e.target.value })}
              error={!!problems.resourceType}
              helperText={
                problems.resourceType ??
                "Must be the permission's resource type for the condition to apply."
              }
              InputLabelProps={{ shrink: true }}
            />
            <TextField
              className={classes.params}
              id={`${id}-params`}
              label="Rule parameters (JSON)"
              value={draft.params}
              onChange={e => set({ params: e.target.value })}
              error={!!problems.params}
              helperText={
                problems.params ??
                'A JSON object. The string "$user" stands for the user\'s own ref and "$ownership" for every ref they own through (the user and their groups), e.g. {"userRefs": ["$user"]} or {"claims": ["$ownership"]}.'
              }
              multiline
              minRows={2}
              variant="outlined"
              inputProps={{ className: classes.mono, spellCheck: false }}
            />
          </div>
        )}
      </fieldset>
    </li>
  );
}

/**
 * The grants of a role as a list of rows: permission (a name, `prefix.*` or
 * `*`), optional action, and effect; a conditional grant adds its rule.
 */
export function GrantsEditor(props: {
  drafts: GrantDraft[];
  onChange(drafts: GrantDraft[]): void;
  /** Problems by draft key, shown once the user tried to save. */
  problems?: Record<string, GrantProblems>;
  permissions?: PermissionInfo[];
  disabled?: boolean;
}) {
  const { drafts, onChange, problems, permissions, disabled } = props;
  const classes = useStyles();
  const listId = useId();
  const [added, setAdded] = useState<string>();
  // the removed row's button is gone: the focus goes to Add grant
  const addButton = useRef<HTMLButtonElement>(null);

  const add = () => {
    const draft = emptyDraft();
    setAdded(draft.key);
    onChange([...drafts, draft]);
  };

  return (
    <Box display="grid" gridGap={12}>
      <datalist id={listId}>
        {permissionSuggestions(permissions ?? []).map(name => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <Typography variant="body2" color="textSecondary">
        A grant names a permission, a prefix glob such as{' '}
        <code>workflows.*</code> or <code>*</code> for every permission, and
        optionally an action. Allow grants it outright; Conditional grants it
        for resources that pass a rule.
      </Typography>
      {drafts.length === 0 ? (
        <Typography>No grants: the role allows nothing.</Typography>
      ) : (
        <ul className={classes.list} aria-label="Grants">
          {drafts.map((draft, index) => (
            <GrantRow
              key={draft.key}
              index={index}
              draft={draft}
              problems={problems?.[draft.key]}
              permissions={permissions}
              listId={listId}
              focusOnMount={draft.key === added}
              disabled={disabled}
              onChange={next =>
                onChange(drafts.map(d => (d.key === next.key ? next : d)))
              }
              onRemove={() => {
                onChange(drafts.filter(d => d.key !== draft.key));
                addButton.current?.focus();
              }}
            />
          ))}
        </ul>
      )}
      <Box>
        <Button
          ref={addButton}
          variant="outlined"
          startIcon={<AddIcon aria-hidden />}
          onClick={add}
          disabled={disabled}
        >
          Add grant
        </Button>
      </Box>
    </Box>
  );
}
