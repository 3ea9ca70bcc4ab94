import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormHelperText,
  InputLabel,
  makeStyles,
  TextField,
} from '@material-ui/core';
import {
  ChangeEvent,
  FormEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { ErrorNotice } from '../ErrorNotice';

const useStyles = makeStyles(theme => ({
  fields: { display: 'grid', gap: theme.spacing(2) },
  yaml: { fontFamily: 'monospace' },
}));

/** A file's text, through FileReader (which every browser has). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

function Body(props: {
  titleId: string;
  onImport(yaml: string): Promise<void>;
  onClose(): void;
}) {
  const classes = useStyles();
  const fileId = useId();
  const [yaml, setYaml] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error>();
  const [fileProblem, setFileProblem] = useState<string>();
  const fileField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    fileField.current?.focus();
  }, []);

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileProblem(undefined);
    try {
      setYaml(await readText(file));
    } catch (e) {
      setFileProblem(`Could not read ${file.name}: ${(e as Error).message}`);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!yaml.trim()) return;
    setSaving(true);
    setError(undefined);
    try {
      await props.onImport(yaml);
      props.onClose();
    } catch (e) {
      setError(e as Error);
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id={props.titleId}>Import roles from YAML</DialogTitle>
      <DialogContent className={classes.fields}>
        <DialogContentText>
          The document replaces the roles: every role it lists takes its title,
          description, grants and members from it (members include the users it
          is assigned to), and custom roles it does not list are removed.
          Built-in roles are never removed.
        </DialogContentText>
        <div>
          <InputLabel htmlFor={fileId}>YAML file</InputLabel>
          <input
            ref={fileField}
            id={fileId}
            type="file"
            accept=".yaml,.yml,text/yaml,application/yaml"
            onChange={readFile}
            disabled={saving}
          />
          {fileProblem && <FormHelperText error>{fileProblem}</FormHelperText>}
        </div>
        <TextField
          id="user-admin-import-yaml"
          label="Roles YAML"
          value={yaml}
          onChange={e => setYaml(e.target.value)}
          multiline
          minRows={8}
          maxRows={20}
          variant="outlined"
          required
          error={touched && !yaml.trim()}
          helperText={
            touched && !yaml.trim()
              ? 'Choose a file or paste a document.'
              : 'apiVersion: ai-ops-console/v1, kind: Roles, roles: [...] as Export YAML writes it.'
          }
          inputProps={{ className: classes.yaml, spellCheck: false }}
        />
        {error && (
          <ErrorNotice
            what="import the roles"
            action="import roles"
            error={error}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={saving}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={saving}
          startIcon={
            saving ? <CircularProgress size={16} aria-hidden /> : undefined
          }
        >
          Import
        </Button>
      </DialogActions>
    </form>
  );
}

/** A file input or a text area; the backend's 400 message says what is wrong. */
export function ImportRolesDialog(props: {
  open: boolean;
  onImport(yaml: string): Promise<void>;
  onClose(): void;
}) {
  const titleId = useId();
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
    >
      <Body
        titleId={titleId}
        onImport={props.onImport}
        onClose={props.onClose}
      />
    </Dialog>
  );
}
