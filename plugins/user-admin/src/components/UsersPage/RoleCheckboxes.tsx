import { Role } from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormLabel,
  Typography,
} from '@material-ui/core';
import { useEffect, useId, useRef } from 'react';

/** One checkbox per role, named by its title; the description is read after it. */
export function RoleCheckboxes(props: {
  legend: string;
  roles: Role[];
  selected: string[];
  onChange(selected: string[]): void;
  disabled?: boolean;
  /** Focus the first checkbox when it appears (the first field of a dialog). */
  focusFirst?: boolean;
}) {
  const { legend, roles, selected, onChange, disabled, focusFirst } = props;
  const baseId = useId();
  const first = useRef<HTMLInputElement>(null);
  const hasRoles = roles.length > 0;
  useEffect(() => {
    if (focusFirst && hasRoles) first.current?.focus();
  }, [focusFirst, hasRoles]);
  const toggle = (name: string, checked: boolean) =>
    onChange(
      checked
        ? [...selected.filter(n => n !== name), name]
        : selected.filter(n => n !== name),
    );
  // roles the user holds but the list lacks stay visible and can be removed
  const unknown = selected
    .filter(name => !roles.some(r => r.name === name))
    .map(name => ({ name, title: name, description: 'Not a known role' }));
  return (
    <FormControl component="fieldset" disabled={disabled}>
      <FormLabel component="legend">{legend}</FormLabel>
      <FormGroup>
        {[...roles, ...unknown].map((role, index) => {
          const descriptionId = `${baseId}-${index}`;
          return (
            <div key={role.name}>
              <FormControlLabel
                control={
                  <Checkbox
                    inputRef={index === 0 ? first : undefined}
                    checked={selected.includes(role.name)}
                    onChange={e => toggle(role.name, e.target.checked)}
                    inputProps={
                      role.description
                        ? { 'aria-describedby': descriptionId }
                        : undefined
                    }
                  />
                }
                label={role.title}
              />
              {role.description && (
                <Typography
                  id={descriptionId}
                  variant="body2"
                  color="textSecondary"
                  style={{ marginLeft: 32, marginTop: -8 }}
                >
                  {role.description}
                </Typography>
              )}
            </div>
          );
        })}
        {roles.length === 0 && unknown.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            There are no roles.
          </Typography>
        )}
      </FormGroup>
    </FormControl>
  );
}
