export {
  describeError,
  ErrorNotice,
  errorMessage,
  SignInAgainButton,
  statusOf,
} from './ErrorNotice';
