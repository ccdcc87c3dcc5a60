// citation-js ships no type declarations; the tests use it through any, on purpose (see samples-clients.test.ts).
declare module '@citation-js/core';
