export * from './keys.js';
export * from './keymap.js';
export * from './colonCommands.js';
