export { ContactsService } from './contacts.service';
export { registerContactRoutes } from './contacts.routes';
