import {
  ErrorNotice,
  FormDialog,
  FormDialogBody,
} from '@ai-ops-console/console-react';
import {
  DialogContentText,
  FormHelperText,
  InputLabel,
  makeStyles,
  TextField,
} from '@material-ui/core';
import { ChangeEvent, useId, useState } from 'react';

const useStyles = makeStyles({
  yaml: { fontFamily: 'monospace' },
});

/** A file's text, through FileReader (which every browser has). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

function Body(props: { onImport(yaml: string): Promise<void> }) {
  const classes = useStyles();
  const fileId = useId();
  const [yaml, setYaml] = useState('');
  const [touched, setTouched] = useState(false);
  const [fileProblem, setFileProblem] = useState<string>();

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

  return (
    <FormDialogBody
      title="Import roles from YAML"
      submitLabel="Import"
      stacked
      validate={() => {
        setTouched(true);
        return !!yaml.trim();
      }}
      onSubmit={() => props.onImport(yaml)}
      renderError={error => (
        <ErrorNotice
          what="import the roles"
          action="import roles"
          error={error}
        />
      )}
    >
      {({ submitting }) => (
        <>
          <DialogContentText>
            The document replaces the roles: every role it lists takes its
            title, description, grants and members from it (members include the
            users it is assigned to), and custom roles it does not list are
            removed. Built-in roles are never removed.
          </DialogContentText>
          <div>
            <InputLabel htmlFor={fileId}>YAML file</InputLabel>
            <input
              id={fileId}
              type="file"
              accept=".yaml,.yml,text/yaml,application/yaml"
              onChange={readFile}
              disabled={submitting}
            />
            {fileProblem && (
              <FormHelperText error>{fileProblem}</FormHelperText>
            )}
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
        </>
      )}
    </FormDialogBody>
  );
}

/** A file input or a text area; the backend's 400 message says what is wrong. */
export function ImportRolesDialog(props: {
  open: boolean;
  onImport(yaml: string): Promise<void>;
  onClose(): void;
}) {
  return (
    <FormDialog open={props.open} onClose={props.onClose} maxWidth="md">
      <Body onImport={props.onImport} />
    </FormDialog>
  );
}
