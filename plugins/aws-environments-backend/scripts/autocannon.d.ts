/* autocannon ships no types; the bench reads the few result fields it needs. */
declare module 'autocannon';
