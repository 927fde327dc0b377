export { adminCreateUser } from './admin.ts';
export { buildApp } from './app.ts';
export { resolveConfig, type ServerConfig } from './config.ts';
export { openDatabase } from './db/database.ts';
export { AppError } from './errors/app-error.ts';
export { type RunningServer, startServer } from './server.ts';
