export { SectionNav } from './SectionNav';
export type { SectionLink } from './SectionNav';
