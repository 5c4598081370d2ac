export * from './parse.js';
export * from './mde.js';
export * from './graph.js';
export * from './arm.js';
export * from './logs.js';
