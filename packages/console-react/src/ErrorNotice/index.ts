export { ErrorNotice } from './ErrorNotice';
export type { ErrorNoticeProps } from './ErrorNotice';
export { describeError, errorMessage, statusOf } from './describeError';
export type { DescribeErrorOptions, ErrorWording } from './describeError';
export { SignInAgainButton } from './SignInAgainButton';
