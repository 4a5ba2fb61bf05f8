export { startNode, openCore, DATABASE_FILE, type RunningNode, type Core, type StartOptions } from './node.js';
export { StartError, type StartErrorCode } from './start-error.js';
export { createLogger, type Logger } from './log.js';
export { createHttpApp, HttpError, type HttpDeps } from './http/app.js';
export { prepare, serveStatic, type StaticFile } from './http/static-files.js';
export { loadNodeKey, nodeIdentity, NODE_KEY_FILE, type NodeIdentity } from './node-identity.js';
export { clusterFeed, type ClusterFeed, type ClusterQueries } from './desk-signals/clusters.js';
export { LiveBlogViews, type BlogView } from './live/views.js';
