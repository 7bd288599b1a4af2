// The whole schema, gathered from the modules that own each table (drizzle-kit and the typed client read it).
export * from '../files/schema.ts';
export * from '../audit/schema.ts';
export * from '../../modules/accounts/schema.ts';
export * from '../../modules/organizations/schema.ts';
export * from '../../modules/pages/schema.ts';
export * from '../../modules/consultations/schema.ts';
export * from '../../modules/events/schema.ts';
export * from '../../modules/projects/schema.ts';
export * from '../rate-limits/schema.ts';
export * from '../../modules/analytics/schema.ts';
export * from '../../modules/opendata/schema.ts';
export * from '../../modules/moderation/schema.ts';
export * from '../../modules/notifications/schema.ts';
