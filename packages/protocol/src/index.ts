export * from './errors';
export * from './messages';
export * from './entities';
export * from './events';
export * from './frames';
export * from './rest';
export * from './pay';
