import { identityApiRef, useApiHolder } from '@backstage/core-plugin-api';
import { Button } from '@material-ui/core';
import { useState } from 'react';

/**
 * Ends the session the backend refuses: the identity API signs out, which
 * brings the app's sign-in page; without one (or when signing out fails) the
 * page reloads, which brings it too.
 */
export function SignInAgainButton() {
  const apis = useApiHolder();
  const [busy, setBusy] = useState(false);
  const signInAgain = async () => {
    setBusy(true);
    const identity = apis.get(identityApiRef);
    try {
      if (identity) {
        await identity.signOut();
        return;
      }
    } catch {
      // signing out failed: a reload still brings the sign-in page
    }
    window.location.reload();
  };
  return (
    <Button
      variant="contained"
      color="primary"
      size="small"
      onClick={signInAgain}
      disabled={busy}
    >
      Sign in again
    </Button>
  );
}
