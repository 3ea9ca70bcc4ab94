/**
 * The page's title: its h1 and its sidebar entry in either frontend system.
 * A module of its own so that the plugin definitions read it without loading
 * the page.
 */
export const USER_ADMIN_TITLE = 'User Admin';
