/** Fixed row height: rows are never measured, so 10,000 of them stay cheap. */
export const ROW_HEIGHT = 53;
