export { AccountsRepository, type UserRow } from './accounts.repository';
export { AccountsService, profileOf, type Auth, type AccountsSettings, type SignedIn } from './accounts.service';
export { registerAccountRoutes } from './accounts.routes';
export { accountErrors } from './accounts.errors';
