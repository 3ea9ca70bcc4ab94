import { PluginPage } from '@ai-ops-console/console-react';
import { UserAdminSections } from './UserAdminSections';
import { USER_ADMIN_TITLE } from './title';

/**
 * The plugin's page in Backstage's layout: a header whose title is the
 * page's one h1, the sections in the padded content area.
 *
 * @param header - false where the host app draws the page header (the new
 *   frontend system's page shell does).
 */
export function UserAdminPage(props: { header?: boolean }) {
  return (
    <PluginPage
      title={USER_ADMIN_TITLE}
      subtitle="Users, sessions, roles, the policy tester and the audit log"
      header={props.header}
    >
      <UserAdminSections />
    </PluginPage>
  );
}
