import SupervisorAccountIcon from '@material-ui/icons/SupervisorAccount';

/**
 * The plugin's icon: the new frontend system's sidebar entry uses it, and a
 * legacy app's `Root.tsx` can pass it to its `SidebarItem`.
 *
 * @public
 */
export const UserAdminIcon = SupervisorAccountIcon;
