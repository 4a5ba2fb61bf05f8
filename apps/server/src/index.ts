export { startNode, openCore, type RunningNode, type Core } from './node.js';
export { createLogger, type Logger } from './log.js';
export { createHttpApp, HttpError, type HttpDeps } from './http/app.js';
