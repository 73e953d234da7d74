export * from './EntityAwsEnvironment';
