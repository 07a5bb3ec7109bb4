// Module declarations for what vite bundles besides TypeScript.
declare module '*.css';
