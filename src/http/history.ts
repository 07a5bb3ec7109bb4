// Histories over HTTP: the store-backed sources live in the application layer (src/app/history.ts).

export { historyOf, storeHistory } from '../app/history.js';
