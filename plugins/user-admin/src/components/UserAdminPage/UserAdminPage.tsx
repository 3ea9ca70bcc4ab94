import { Content, Header, Page } from '@backstage/core-components';
import { UserAdminSections } from './UserAdminSections';
import { USER_ADMIN_TITLE } from './title';

/**
 * The whole page for an app of the legacy frontend system, in Backstage's
 * layout: the page theme, a header with the page's one h1, the sections in
 * the padded content area.
 */
export function UserAdminPage() {
  return (
    <Page themeId="tool">
      <Header
        title={USER_ADMIN_TITLE}
        subtitle="Users, sessions, roles, the policy tester and the audit log"
      />
      <Content>
        <UserAdminSections />
      </Content>
    </Page>
  );
}
